import { describe, expect, it } from 'vitest';
import { handReads } from '$fixtures/stats/peer-format-data.fixture';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { writePeerFormatFiles } from '../../server/export/peer-xlsx';
import { writePeerFormatTextFiles } from './peer-formats';

describe('peer-formats folder', () => {
	it('holds the MRMCaov CSV, both .imrmc files, the id map and the README as text', () => {
		const files = writePeerFormatTextFiles(referenceRows('vandyke.csv'));
		expect(files.map((file) => file.fileName)).toEqual([
			'mrmcaov-reads.csv',
			'imrmc-reads.imrmc',
			'rjafroc-reads.imrmc',
			'peer-id-map.csv',
			'README.md'
		]);
		expect(
			files.every((file) => typeof file.contents === 'string' && file.contents.endsWith('\n'))
		).toBe(true);
	});

	it('adds the RJafroc workbook on the server side', async () => {
		const files = await writePeerFormatFiles(handReads);
		expect(files.map((file) => file.fileName)).toEqual([
			...writePeerFormatTextFiles(handReads).map((file) => file.fileName),
			'rjafroc-roc.xlsx'
		]);
		expect(files.at(-1)?.contents).toBeInstanceOf(Uint8Array);
	});

	it('is the same whatever order the reads come in', () => {
		const reads = referenceRows('vandyke.csv');
		const shuffled = reads
			.map((read, index) => ({ read, key: (index * 7919) % reads.length }))
			.sort((a, b) => a.key - b.key)
			.map(({ read }) => read);
		expect(writePeerFormatTextFiles(shuffled)).toEqual(writePeerFormatTextFiles(reads));
	});
});
