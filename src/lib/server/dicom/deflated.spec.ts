import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { buildConformanceSet } from '$fixtures/dicom-conformance.fixture';
import { inflateDeflated } from './deflated';

describe('inflateDeflated', () => {
	it('inflates a file read into a Node Buffer (Buffer.slice is a view, not a copy)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tandem-deflated-'));
		try {
			const [file] = buildConformanceSet(dir, {
				syntaxes: ['deflated'],
				originals: ['mono2-u8']
			}).files;
			const bytes = readFileSync(file!.path);
			const before = Buffer.from(bytes);
			const dataSet = dicomParser.parseDicom(inflateDeflated(bytes));
			expect(dataSet.string('x00020010')).toBe('1.2.840.10008.1.2.1');
			expect(dataSet.uint16('x00280010')).toBe(file!.original.rows);
			expect(bytes.equals(before)).toBe(true); // the caller's bytes are left alone
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
