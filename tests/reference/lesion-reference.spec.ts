// The FED study (RJafroc's dataset04) through Tandem's lesion-level analysis: every figure of
// merit, variance component and OR result RJafroc 2.1.3 printed (OR with jackknife covariance for
// wAFROC, AFROC, HrAuc, wAFROC1, MaxLLF and MaxNLF; DBM for wAFROC), to 1e-9 relative, from the
// lesion-level pair of CSVs in tests/reference/data/froc (provenance in its README), and again
// from the JAFROC workbook those CSVs become (written to a temporary folder and read back).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jafrocWorkbookBytes, readJafrocWorkbook } from '../../src/lib/server/export/jafroc-xlsx';
import type { LesionFom } from '../../src/lib/stats/analysis-report';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../src/lib/stats/input/lesion-csv';
import { analyzeLesionStudy } from '../../src/lib/stats/lesion/analyze-lesions';
import { LESION_FIGURES } from '../../src/lib/stats/lesion/lesion-figures';
import type { LesionStudy } from '../../src/lib/stats/lesion/lesion-study';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';
import { compareToReference, peerOrientation, referencePath } from './reference-files';

const expected = JSON.parse(readFileSync(referencePath('froc/fed.expected.json'), 'utf8')) as {
	design: { modalities: string[] };
	results: Record<string, Record<string, unknown>>;
};
const truth = parseLesionTruthCsv(readFileSync(referencePath('froc/fed.truth.csv'), 'utf8'));
const fromCsv = parseLesionMarksCsv(
	readFileSync(referencePath('froc/fed.marks.csv'), 'utf8'),
	truth
);
const workbookPath = join(mkdtempSync(join(tmpdir(), 'tandem-fed-')), 'fed.xlsx');
writeFileSync(workbookPath, await jafrocWorkbookBytes(fromCsv));
const fromWorkbook = await readJafrocWorkbook(readFileSync(workbookPath), workbookPath);
const sources: Array<[string, LesionStudy]> = [
	['the CSV pair', fromCsv],
	['the JAFROC workbook', fromWorkbook]
];

interface FomRow {
	reader: string;
	modality: string;
}

const byRjafrocName = new Map(
	Object.values(LESION_FIGURES).map((figure) => [figure.rjafrocName, figure.name] as const)
);

function tandemJson(
	study: LesionStudy,
	fom: LesionFom,
	method: 'or' | 'dbm'
): Record<string, unknown> {
	const report = analyzeLesionStudy(study, {
		fom,
		covariance: 'jackknife',
		method,
		...peerOrientation({ design: expected.design })
	});
	return JSON.parse(reportToJsonText(report)) as Record<string, unknown>;
}

describe.each(sources)(
	'FED (RJafroc dataset04) from %s, lesion level, 1e-9 relative',
	(_, study) => {
		it('reads the design: 4 readers, 5 modalities, 200 cases, 100 diseased, 142 lesions', () => {
			expect(study.readers).toEqual(['1', '3', '4', '5']);
			expect(study.modalities).toEqual(['1', '2', '3', '4', '5']);
			expect(study.cases).toHaveLength(200);
			expect(study.truth.reduce((sum, value) => sum + value, 0)).toBe(100);
			expect(study.weights).toHaveLength(142);
		});

		it.each(Object.keys(expected.results))('reproduces %s', (key) => {
			const [name, , method] = key.split('.') as [string, string, 'or' | 'dbm'];
			const fom = byRjafrocName.get(name);
			expect(fom, `a Tandem figure for RJafroc's ${name}`).toBeDefined();
			const {
				fom: _name,
				cov2_minus_cov3_clamped: _clamped,
				...reference
			} = expected.results[key] as Record<string, unknown>;
			const actual = tandemJson(study, fom as LesionFom, method);
			// RJafroc lists the figures modality by modality, Tandem reader by reader: compare by key.
			const byKey = (rows: unknown) =>
				[...((rows as FomRow[] | undefined) ?? [])].sort(
					(a, b) =>
						a.modality.localeCompare(b.modality, 'en', { numeric: true }) ||
						a.reader.localeCompare(b.reader, 'en', { numeric: true })
				);
			if (reference.fom_table) {
				reference.fom_table = byKey(reference.fom_table);
				actual.fom_table = byKey(actual.fom_table);
			}
			const mismatches = compareToReference(reference, actual, 1e-9);
			expect(mismatches).toEqual([]);
		});

		it('wAFROC RRRC: F = 7.80, ddf = 36.8, p = 0.000117 (the published figures)', () => {
			const json = tandemJson(study, 'wafroc', 'or') as {
				rrrc: { f: number; df2: number; p: number };
			};
			expect(json.rrrc.f.toFixed(2)).toBe('7.80');
			expect(json.rrrc.df2.toFixed(1)).toBe('36.8');
			expect(json.rrrc.p.toPrecision(3)).toBe('0.000117');
		});
	}
);
