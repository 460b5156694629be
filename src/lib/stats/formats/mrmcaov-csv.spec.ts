import { describe, expect, it } from 'vitest';
import { handReads } from '$fixtures/stats/peer-format-data.fixture';
import { expectedFoms, referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { empiricalAuc } from '../fom/empirical-auc';
import { parseLongCsv } from '../input/long-csv';
import type { ReadingStudy } from '../study';
import { MRMCAOV_CSV_FILE, writeMrmcaovCsv } from './mrmcaov-csv';
import type { PeerRead } from './peer-reads';

function csvText(reads: readonly PeerRead[]): string {
	const files = writeMrmcaovCsv(reads);
	expect(files.map((file) => file.fileName)).toEqual([MRMCAOV_CSV_FILE]);
	return files[0]?.contents as string;
}

/** Tandem's own reads parser; MRMCaov's name for the modality column is 'treatment'. */
function parseBack(text: string): ReadingStudy {
	const newline = text.indexOf('\n');
	const header = text
		.slice(0, newline)
		.split(',')
		.map((name) => (name === 'treatment' ? 'modality' : name));
	return parseLongCsv(`${header.join(',')}${text.slice(newline)}`);
}

function cellOf(
	study: ReadingStudy,
	read: PeerRead
): { rating: number; truth: number; decision?: number; timeMs?: number } {
	const m = study.modalities.indexOf(read.modality);
	const j = study.readers.indexOf(read.reader);
	const k = study.cases.indexOf(read.case);
	expect(
		Math.min(m, j, k),
		`${read.reader}/${read.modality}/${read.case} is in the file`
	).toBeGreaterThanOrEqual(0);
	return {
		rating: study.rating[m]![j]![k]!,
		truth: study.truth[k]!,
		decision: study.decision?.[m]![j]![k],
		timeMs: study.timeMs?.[m]![j]![k]
	};
}

describe('MRMCaov CSV', () => {
	it('writes one row per read, modality by reader by case in natural order, with decision and time_ms', () => {
		expect(csvText(handReads)).toBe(
			[
				'reader,treatment,case,truth,rating,decision,time_ms',
				'r2,A,c1,0,0.30000000000000004,0,2000',
				'r2,A,c2,1,3,1,2000',
				'r10,A,c1,0,2.5,1,',
				'r10,A,c2,1,2.5,1,2000',
				'r2,B,c1,0,-1e-7,0,2000',
				'r2,B,c2,1,1e+21,,1234.5',
				'r10,B,c1,0,4.25,0,2000',
				'r10,B,c2,1,5,1,2000',
				''
			].join('\n')
		);
	});

	it('leaves out decision and time_ms when no read has them', () => {
		const lines = csvText(referenceRows('vandyke.csv')).split('\n');
		expect(lines[0]).toBe('reader,treatment,case,truth,rating');
		expect(lines[1]).toBe('1,1,1,0,1');
		expect(lines).toHaveLength(1 + 5 * 2 * 114 + 1);
		expect(lines.at(-1)).toBe('');
	});

	it('carries every Van Dyke rating back to its reader, modality and case, and MRMCaov’s AUCs with them', () => {
		const reads = referenceRows('vandyke.csv');
		const study = parseBack(csvText(reads));
		expect([study.readers.length, study.modalities.length, study.cases.length]).toEqual([
			5, 2, 114
		]);
		for (const read of reads)
			expect(cellOf(study, read)).toMatchObject({ rating: read.rating, truth: read.truth });
		for (const expected of expectedFoms('vandyke.auc.jackknife.expected.json')) {
			const ratings =
				study.rating[study.modalities.indexOf(expected.modality)]![
					study.readers.indexOf(expected.reader)
				]!;
			expect(Math.abs(empiricalAuc(ratings, study.truth) - expected.estimate)).toBeLessThan(1e-12);
		}
	});

	it('carries binary decisions to MRMCaov’s binary_sens and binary_spec figures', () => {
		const reads = referenceRows('binary.csv').map((read) => ({
			...read,
			decision: read.rating as 0 | 1,
			timeMs: 1000 + read.rating
		}));
		const study = parseBack(csvText(reads));
		for (const read of reads)
			expect(cellOf(study, read)).toEqual({
				rating: read.rating,
				truth: read.truth,
				decision: read.decision,
				timeMs: read.timeMs
			});
		const proportion = (expected: { reader: string; modality: string }, truth: 0 | 1) => {
			const decisions =
				study.decision![study.modalities.indexOf(expected.modality)]![
					study.readers.indexOf(expected.reader)
				]!;
			const calls = Array.from(decisions).filter((_, k) => study.truth[k] === truth);
			return calls.filter((call) => call === truth).length / calls.length;
		};
		for (const expected of expectedFoms('binary.sensitivity.jackknife.expected.json'))
			expect(proportion(expected, 1)).toBeCloseTo(expected.estimate, 14);
		for (const expected of expectedFoms('binary.specificity.jackknife.expected.json'))
			expect(proportion(expected, 0)).toBeCloseTo(expected.estimate, 14);
	});

	it('keeps decimals, exponents, negative ratings and ties exactly', () => {
		const complete = handReads.map((read) => ({
			...read,
			decision: read.decision ?? 1,
			timeMs: read.timeMs ?? 999
		}));
		const study = parseBack(csvText(complete));
		for (const read of complete)
			expect(cellOf(study, read)).toEqual({
				rating: read.rating,
				truth: read.truth,
				decision: read.decision,
				timeMs: read.timeMs
			});
	});

	it('refuses a table with a missing read instead of writing an unbalanced design', () => {
		const reads = referenceRows('vandyke.csv').filter(
			(read) => !(read.reader === '3' && read.modality === '2' && read.case === '57')
		);
		expect(() => writeMrmcaovCsv(reads)).toThrow(
			"missing read: reader '3', modality '2', case '57'"
		);
	});
});
