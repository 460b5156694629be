// Hillis (2008, Acad Radiol 15:647) shows that DBM with jackknife pseudovalues and OR with
// the jackknife covariance give identical RRRC F statistics, Hillis ddf and confidence
// intervals; RRFC agrees too. Checked here on a three-modality study with heavy ties,
// through two independent code paths (pseudovalue ANOVA vs covariance averaging).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../analyze';
import { parseLongCsv } from '../input/long-csv';

const study = parseLongCsv(
	readFileSync(
		new URL('../../../../tests/fixtures/stats/three-modalities.csv', import.meta.url),
		'utf8'
	)
);

describe('DBM = OR with jackknife covariance (Hillis 2008)', () => {
	for (const fom of ['auc', 'sensitivity', 'specificity'] as const) {
		it(`agrees for ${fom} with three modalities`, () => {
			const or = analyzeStudy(study, { fom, covariance: 'jackknife', method: 'or' }).or!;
			const dbm = analyzeStudy(study, { fom, covariance: 'jackknife', method: 'dbm' }).dbm!;
			expect(dbm.rrrc.f).toBeCloseTo(or.rrrc.f, 10);
			expect(dbm.rrrc.df1).toBe(2);
			expect(dbm.rrrc.df2).toBeCloseTo(or.rrrc.df2, 8);
			expect(dbm.rrrc.p).toBeCloseTo(or.rrrc.p, 12);
			dbm.rrrc.diffs.forEach((row, i) => {
				expect(row.se).toBeCloseTo(or.rrrc.diffs[i]!.se, 13);
				expect(row.ciLower).toBeCloseTo(or.rrrc.diffs[i]!.ciLower, 12);
			});
			dbm.rrrc.modalityCi.forEach((row, i) => {
				expect(row.se).toBeCloseTo(or.rrrc.modalityCi[i]!.se, 13);
				expect(row.df).toBeCloseTo(or.rrrc.modalityCi[i]!.df!, 8);
			});
			expect(dbm.rrfc.f).toBeCloseTo(or.rrfc.f, 10);
			// FRRC: same SE of a difference; OR refers χ² to normal, DBM F to (t − 1)(c − 1) df
			expect(dbm.frrc.diffs[0]!.se).toBeCloseTo(or.frrc.diffs[0]!.se, 13);
			expect(dbm.frrc.f! * dbm.frrc.df1).toBeCloseTo(or.frrc.chisq!, 10);
		});
	}
});
