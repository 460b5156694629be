import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	DATE_OFFSET_MIN_DAYS,
	DATE_OFFSET_SPAN_DAYS,
	Pseudonymizer,
	deidKeyFromSecret,
	loadOrCreateDeidKey
} from './deid-key';

const keyA = deidKeyFromSecret(Buffer.alloc(32, 1));
const keyB = deidKeyFromSecret(Buffer.alloc(32, 2));

describe('the de-identification key', () => {
	it('is created once, 32 random bytes in hex, readable by its owner only', () => {
		const path = join(mkdtempSync(join(tmpdir(), 'tandem-key-')), 'keys', 'study.key');
		const first = loadOrCreateDeidKey(path);
		expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(loadOrCreateDeidKey(path)).toEqual(first);
		expect(first.id).toMatch(/^[0-9a-f]{16}$/);
	});

	it('gives each original UID one new UID: a 2.25 UUID (version 8, RFC 4122 variant), at most 64 characters', () => {
		const pseudonymizer = new Pseudonymizer(keyA);
		const uid = pseudonymizer.uid('1.2.3.4');
		expect(pseudonymizer.uid('1.2.3.4')).toBe(uid);
		expect(pseudonymizer.uid('1.2.3.5')).not.toBe(uid);
		expect(new Pseudonymizer(keyB).uid('1.2.3.4')).not.toBe(uid);
		expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
		expect(uid.length).toBeLessThanOrEqual(64);
		const hex = BigInt(uid.slice(5)).toString(16).padStart(32, '0');
		expect(hex[12]).toBe('8');
		expect(['8', '9', 'a', 'b']).toContain(hex[16]);
	});

	it("moves one patient's dates by one secret offset of 1 to 10 years back, and names them by a pseudonym", () => {
		const pseudonymizer = new Pseudonymizer(keyA);
		const offsets = Array.from({ length: 200 }, (_, index) =>
			pseudonymizer.dateOffsetDays(`id:P${index}`)
		);
		for (const offset of offsets) {
			expect(offset).toBeLessThanOrEqual(-DATE_OFFSET_MIN_DAYS);
			expect(offset).toBeGreaterThan(-(DATE_OFFSET_MIN_DAYS + DATE_OFFSET_SPAN_DAYS));
		}
		expect(new Set(offsets).size).toBeGreaterThan(150);
		expect(pseudonymizer.dateOffsetDays('id:P1')).toBe(offsets[1]);
		expect(pseudonymizer.pseudonym('id:P1')).toMatch(/^ANON-[0-9A-F]{10}$/);
	});
});
