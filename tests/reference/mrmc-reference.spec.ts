// Every expected output in tests/reference/data (MRMCaov 0.3.0 for OR with jackknife and
// DeLong covariance and binary sensitivity/specificity; RJafroc 2.1.3 for DBM with Hillis
// df) reproduced to 1e-9 relative, through the same functions the CLI calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudy, type AnalysisOptions } from '../../src/lib/stats/analyze';
import { studentTSurvival } from '../../src/lib/stats/distributions';
import { parseLongCsv } from '../../src/lib/stats/input/long-csv';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';
import { compareToReference, peerOrientation, referenceCases } from './reference-files';

const cases = referenceCases();

function tandemJson(csvPath: string, expected: Record<string, unknown>): Record<string, unknown> {
	const options = {
		fom: expected.fom,
		covariance: expected.covariance,
		method: expected.method,
		...peerOrientation(expected)
	} as AnalysisOptions;
	const report = analyzeStudy(parseLongCsv(readFileSync(csvPath, 'utf8')), options);
	return JSON.parse(reportToJsonText(report)) as Record<string, unknown>;
}

describe('peer reference outputs (1e-9 relative)', () => {
	it('finds the five reference files', () => {
		expect(cases.map((c) => c.file)).toEqual([
			'binary.sensitivity.jackknife.expected.json',
			'binary.specificity.jackknife.expected.json',
			'vandyke.auc.dbm.expected.json',
			'vandyke.auc.delong.expected.json',
			'vandyke.auc.jackknife.expected.json'
		]);
	});

	it.each(cases.map((c) => [c.file, c] as const))('reproduces %s', (_file, reference) => {
		const skipped: string[] = [];
		const mismatches = compareToReference(
			reference.expected,
			tandemJson(reference.csv, reference.expected),
			1e-9,
			'$',
			skipped
		);
		expect(mismatches).toEqual([]);
		// The only values the peers leave empty are RJafroc's per-reader FRRC p-values (DBM);
		// Tandem gives them from the same t reference (c − 1 df) RJafroc uses for those CIs.
		expect(skipped.every((path) => /^\$\.frrc\.reader_diffs\[\d+\]\.p$/.test(path))).toBe(true);
	});

	it('gives the DBM per-reader FRRC p-values RJafroc leaves empty from t with c − 1 df', () => {
		const reference = cases.find((c) => c.file === 'vandyke.auc.dbm.expected.json')!;
		const json = tandemJson(reference.csv, reference.expected) as {
			frrc: { reader_diffs: Array<{ estimate: number; se: number; p: number }> };
		};
		for (const row of json.frrc.reader_diffs) {
			expect(row.p).toBeCloseTo(2 * studentTSurvival(Math.abs(row.estimate / row.se), 113), 14);
		}
	});
});

describe('published Van Dyke figures (Hillis 2008; Iowa OR-DBM MRMC software)', () => {
	const reference = cases.find((c) => c.file === 'vandyke.auc.jackknife.expected.json')!;
	const json = tandemJson(reference.csv, reference.expected) as {
		rrrc: {
			f: number;
			df2: number;
			p: number;
			diffs: Array<{ estimate: number; ci_lower: number; ci_upper: number }>;
		};
	};

	it('RRRC F = 4.456, ddf = 15.26, p = 0.0517', () => {
		expect(json.rrrc.f.toFixed(3)).toBe('4.456');
		expect(json.rrrc.df2.toFixed(2)).toBe('15.26');
		expect(json.rrrc.p.toFixed(4)).toBe('0.0517');
	});

	it('AUC difference (1 − 2) = −0.0438, 95 % CI (−0.0880, 0.0004)', () => {
		const [diff] = json.rrrc.diffs;
		expect(diff!.estimate.toFixed(4)).toBe('-0.0438');
		expect(diff!.ci_lower.toFixed(4)).toBe('-0.0880');
		expect(diff!.ci_upper.toFixed(4)).toBe('0.0004');
	});
});
