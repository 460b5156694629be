import { describe, expect, it } from 'vitest';
import { handReads } from '$fixtures/stats/peer-format-data.fixture';
import { expectedFoms, referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { empiricalAuc } from '../fom/empirical-auc';
import { idMapFile } from './integer-ids';
import { IMRMC_FILE, RJAFROC_IMRMC_FILE, writeImrmc, type ImrmcConvention } from './imrmc';
import { crossReads, type PeerRead } from './peer-reads';

const SIZE_KEYS = ['NR', 'N0', 'N1', 'NM'] as const;

interface ParsedImrmc {
	lines: string[];
	header: string[];
	sizes: Record<(typeof SIZE_KEYS)[number], number>;
	/** readerID, caseID, modalityID, score: the four fields of each row after BEGIN DATA:. */
	rows: string[][];
}

/** Reads an .imrmc file as the format is documented: header, size lines, BEGIN DATA:, rows. */
function parseImrmc(text: string): ParsedImrmc {
	expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
	const lines = text.slice(0, -1).split('\n');
	const begin = lines.indexOf('BEGIN DATA:');
	expect(begin).toBeGreaterThan(0);
	const header = lines.slice(0, begin);
	const sizes = Object.fromEntries(
		SIZE_KEYS.map((key) => {
			const found = header.filter((line) => line.startsWith(`${key}:`));
			expect(found, `one ${key}: line`).toHaveLength(1);
			return [key, Number((found[0] as string).slice(key.length + 1))];
		})
	) as ParsedImrmc['sizes'];
	return { lines, header, sizes, rows: lines.slice(begin + 1).map((line) => line.split(',')) };
}

function imrmcText(reads: readonly PeerRead[], convention?: ImrmcConvention): string {
	const files = writeImrmc(reads, convention ? { convention } : {});
	expect(files.map((file) => file.fileName)).toEqual([
		convention === 'legacy' ? RJAFROC_IMRMC_FILE : IMRMC_FILE
	]);
	return files[0]?.contents as string;
}

/** The rules the format's readers impose beyond the layout (iMRMC Java, iMRMC R, RJafroc). */
function expectReadableLayout(parsed: ParsedImrmc, convention: ImrmcConvention): void {
	const { lines, header, rows } = parsed;
	// iMRMC R finds the data by grep("BEGIN DATA:"); a second match would shift the data.
	expect(lines.filter((line) => line.includes('BEGIN DATA:'))).toEqual(['BEGIN DATA:']);
	for (const line of header) {
		const sizeLine = SIZE_KEYS.some((key) => line.startsWith(`${key}: `));
		// iMRMC Java takes any header line containing "N0:" (upper-cased) as a size line, and
		// RJafroc any line whose text before the first colon is NR, N0, N1 or NM.
		if (!sizeLine) {
			expect(
				SIZE_KEYS.some((key) => line.toUpperCase().includes(`${key}:`)),
				line
			).toBe(false);
			expect(SIZE_KEYS.includes(line.split(':')[0] as (typeof SIZE_KEYS)[number]), line).toBe(
				false
			);
		}
	}
	// iMRMC Java reads the last two characters of every non-empty line; a one-character line fails.
	expect(lines.filter((line) => line.length === 1)).toEqual([]);
	expect(lines.every((line) => /^[\x20-\x7e]*$/.test(line))).toBe(true);
	// RJafroc stops the data at the first line that is not exactly four fields; Java strips whitespace.
	for (const row of rows) {
		expect(row).toHaveLength(4);
		for (const field of row) expect(field).toMatch(/^\S+$/);
	}
	const [truthReader, truthModality] = convention === 'truth' ? ['truth', 'truth'] : ['-1', '0'];
	const truthRows = rows.filter((row) => row[0] === truthReader);
	expect(
		truthRows.every((row) => row[2] === truthModality && (row[3] === '0' || row[3] === '1'))
	).toBe(true);
	expect(new Set(truthRows.map((row) => row[1])).size).toBe(truthRows.length);
	const readRows = rows.filter((row) => row[0] !== truthReader);
	expect(new Set(readRows.map((row) => row[1]))).toEqual(new Set(truthRows.map((row) => row[1])));
	expect(parsed.sizes.N0 + parsed.sizes.N1).toBe(truthRows.length);
	expect(parsed.sizes.N0).toBe(truthRows.filter((row) => row[3] === '0').length);
	expect(parsed.sizes.NR).toBe(new Set(readRows.map((row) => row[0])).size);
	expect(parsed.sizes.NM).toBe(new Set(readRows.map((row) => row[2])).size);
	expect(readRows).toHaveLength(parsed.sizes.NR * parsed.sizes.NM * truthRows.length);
}

/** Every read of the input is in the file once, with its rating and its case's truth. */
function expectEveryRead(
	parsed: ParsedImrmc,
	reads: readonly PeerRead[],
	decode: (kind: 'reader' | 'modality' | 'case', id: string) => string,
	truthReader: string
): void {
	const truth = new Map(
		parsed.rows
			.filter((row) => row[0] === truthReader)
			.map((row) => [decode('case', row[1] as string), Number(row[3])])
	);
	const scores = new Map(
		parsed.rows
			.filter((row) => row[0] !== truthReader)
			.map((row) => [
				`${decode('reader', row[0] as string)}|${decode('modality', row[2] as string)}|${decode('case', row[1] as string)}`,
				Number(row[3])
			])
	);
	expect(scores.size).toBe(reads.length);
	for (const read of reads) {
		expect(scores.get(`${read.reader}|${read.modality}|${read.case}`)).toBe(read.rating);
		expect(truth.get(read.case)).toBe(read.truth);
	}
}

describe('iMRMC input (.imrmc)', () => {
	it('writes the documented layout: size lines, BEGIN DATA:, truth rows, then reads', () => {
		expect(imrmcText(handReads)).toBe(
			[
				'Tandem blinded reads - iMRMC input (iMRMC convention)',
				'NR: 2',
				'N0: 1',
				'N1: 1',
				'NM: 2',
				'Rows are readerID,caseID,modalityID,score; the score is the rating, higher = more confident the case is diseased.',
				"Truth rows have reader 'truth' and modality 'truth', score 0 = non-diseased, 1 = diseased. Ids are the blinding codes.",
				'BEGIN DATA:',
				'truth,c1,truth,0',
				'truth,c2,truth,1',
				'r2,c1,A,0.30000000000000004',
				'r2,c2,A,3',
				'r10,c1,A,2.5',
				'r10,c2,A,2.5',
				'r2,c1,B,-1e-7',
				'r2,c2,B,1e+21',
				'r10,c1,B,4.25',
				'r10,c2,B,5',
				''
			].join('\n')
		);
	});

	it('writes the legacy convention for RJafroc: truth rows -1,case,0,truth and integer ids listed in the header', () => {
		const lines = imrmcText(handReads, 'legacy').split('\n');
		expect(lines.slice(0, lines.indexOf('BEGIN DATA:') + 5)).toEqual([
			'Tandem blinded reads - iMRMC input (legacy convention, for RJafroc)',
			'NR: 2',
			'N0: 1',
			'N1: 1',
			'NM: 2',
			'Rows are readerID,caseID,modalityID,score; the score is the rating, higher = more confident the case is diseased.',
			'Truth rows have reader -1 and modality 0, score 0 = non-diseased, 1 = diseased.',
			'Ids are integers standing for the blinding codes (also in peer-id-map.csv):',
			'reader 1 = r2',
			'reader 2 = r10',
			'modality 1 = A',
			'modality 2 = B',
			'case 1 = c1',
			'case 2 = c2',
			'BEGIN DATA:',
			'-1,1,0,0',
			'-1,2,0,1',
			'1,1,1,0.30000000000000004',
			'1,2,1,3'
		]);
	});

	for (const convention of ['truth', 'legacy'] as const) {
		it(`keeps every Van Dyke rating in place (${convention} convention), within the format readers’ rules`, () => {
			const reads = referenceRows('vandyke.csv');
			const parsed = parseImrmc(imrmcText(reads, convention));
			expect(parsed.sizes).toEqual({ NR: 5, N0: 69, N1: 45, NM: 2 });
			expectReadableLayout(parsed, convention);
			if (convention === 'truth') expectEveryRead(parsed, reads, (_, id) => id, 'truth');
			else {
				const codes = new Map(
					parsed.header.flatMap((line) => {
						const match = /^(reader|modality|case) (\d+) = (\S+)$/.exec(line);
						return match ? [[`${match[1]} ${match[2]}`, match[3] as string] as const] : [];
					})
				);
				expect(codes.size).toBe(5 + 2 + 114);
				expectEveryRead(parsed, reads, (kind, id) => codes.get(`${kind} ${id}`) as string, '-1');
				// The header's list is the id map written beside the file.
				const map = (idMapFile(crossReads(reads)).contents as string)
					.trim()
					.split('\n')
					.slice(1)
					.map((line) => line.split(','));
				expect(map.map(([kind, code, id]) => `${kind} ${id} = ${code}`)).toEqual(
					parsed.header.filter((line) => /^(reader|modality|case) \d+ = /.test(line))
				);
			}
		});
	}

	it('gives MRMCaov’s per-reader AUCs when analysed from the file', () => {
		const parsed = parseImrmc(imrmcText(referenceRows('vandyke.csv')));
		const truth = new Map(
			parsed.rows.filter((row) => row[0] === 'truth').map((row) => [row[1], Number(row[3])])
		);
		for (const expected of expectedFoms('vandyke.auc.jackknife.expected.json')) {
			const rows = parsed.rows.filter(
				(row) => row[0] === expected.reader && row[2] === expected.modality
			);
			const auc = empiricalAuc(
				Float64Array.from(rows, (row) => Number(row[3])),
				Uint8Array.from(rows, (row) => truth.get(row[1]) as number)
			);
			expect(Math.abs(auc - expected.estimate)).toBeLessThan(1e-12);
		}
	});

	it('keeps the layout rules on a study with decimals, exponents and ties', () => {
		for (const convention of ['truth', 'legacy'] as const)
			expectReadableLayout(parseImrmc(imrmcText(handReads, convention)), convention);
		expectEveryRead(parseImrmc(imrmcText(handReads)), handReads, (_, id) => id, 'truth');
	});

	it('refuses ids the iMRMC convention reserves for truth rows, which the legacy file maps to integers', () => {
		const renamed = (field: 'reader' | 'modality', from: string, to: string) =>
			handReads.map((read) => (read[field] === from ? { ...read, [field]: to } : read));
		expect(() => writeImrmc(renamed('reader', 'r2', 'truth'))).toThrow(
			"reader id 'truth' is reserved in the iMRMC format for truth rows"
		);
		expect(() => writeImrmc(renamed('reader', 'r2', '-1'))).toThrow("reader id '-1' is reserved");
		expect(() => writeImrmc(renamed('modality', 'A', 'truth'))).toThrow(
			"modality id 'truth' is reserved"
		);
		expect(imrmcText(renamed('reader', 'r2', 'truth'), 'legacy')).toContain('reader 2 = truth');
	});

	it('refuses a table with a missing read', () => {
		expect(() => writeImrmc(handReads.slice(1))).toThrow(
			"missing read: reader 'r10', modality 'B', case 'c2'"
		);
	});
});
