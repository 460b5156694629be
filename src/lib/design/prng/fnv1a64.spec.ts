import { describe, expect, it } from 'vitest';
import { fnv1a64, fnv1a64OfText } from './fnv1a64';

describe('fnv1a64', () => {
	it('matches the FNV reference test vectors', () => {
		// draft-eastlake-fnv / the Fowler–Noll–Vo test suite (test_fnv.c): "", "a", "foobar".
		expect(fnv1a64OfText('')).toBe(0xcbf29ce484222325n);
		expect(fnv1a64OfText('a')).toBe(0xaf63dc4c8601ec8cn);
		expect(fnv1a64OfText('foobar')).toBe(0x85944171f73967e8n);
	});

	it('hashes the UTF-8 bytes of text', () => {
		const eAcute = new Uint8Array([0xc3, 0xa9]);
		expect(fnv1a64OfText('é')).toBe(fnv1a64(eAcute));
	});

	it('equals one hand-computed step for a single byte', () => {
		// (0xcbf29ce484222325 XOR 0x61) × 0x100000001b3 mod 2^64, worked out with BigInt literals.
		const expected = ((0xcbf29ce484222325n ^ 0x61n) * 0x100000001b3n) % 2n ** 64n;
		expect(fnv1a64(new Uint8Array([0x61]))).toBe(expected);
	});
});
