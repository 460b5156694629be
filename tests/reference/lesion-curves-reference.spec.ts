// The empirical AFROC and wAFROC curves of FED (RJafroc's dataset04, tests/reference/data/froc):
// the area under every reader × modality's curve is its AFROC / wAFROC figure of merit (whose
// values tests/reference/lesion-reference.spec.ts checks against RJafroc), the FROC curve ends at
// MaxLLF, and each modality's reader-averaged wAFROC curve has the mean of the readers' wAFROC.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../src/lib/stats/input/lesion-csv';
import { afrocFom } from '../../src/lib/stats/lesion/afroc';
import { afrocCurve, wafrocCurve } from '../../src/lib/stats/lesion/curves/afroc-curve';
import { curveArea } from '../../src/lib/stats/lesion/curves/curve-points';
import { frocCurve } from '../../src/lib/stats/lesion/curves/froc-curve';
import { readerAveragedCurves } from '../../src/lib/stats/lesion/curves/reader-averaged';
import { lesionSensitivityFom } from '../../src/lib/stats/lesion/lesion-sensitivity';
import { wafrocFom } from '../../src/lib/stats/lesion/wafroc';
import { referencePath } from './reference-files';

describe('FED empirical curves', () => {
	it('every reader × modality, AFROC and wAFROC; FROC ends at MaxLLF', () => {
		const truthCsv = parseLesionTruthCsv(readFileSync(referencePath('froc/fed.truth.csv'), 'utf8'));
		const study = parseLesionMarksCsv(
			readFileSync(referencePath('froc/fed.marks.csv'), 'utf8'),
			truthCsv
		);
		for (const byReader of study.marks)
			for (const marks of byReader) {
				expect(curveArea(afrocCurve(study, marks, 'equal'))).toBeCloseTo(
					afrocFom.compute(study, marks).estimate,
					12
				);
				expect(curveArea(wafrocCurve(study, marks))).toBeCloseTo(
					wafrocFom.compute(study, marks).estimate,
					12
				);
				const froc = frocCurve(study, marks);
				expect(froc[froc.length - 1]!.y).toBeCloseTo(
					lesionSensitivityFom.compute(study, marks).estimate,
					12
				);
			}
		const averaged = readerAveragedCurves(study, 'wafroc');
		averaged.forEach((modality, i) => {
			const mean =
				study.marks[i]!.reduce((sum, marks) => sum + wafrocFom.compute(study, marks).estimate, 0) /
				study.readers.length;
			expect(curveArea(modality.average)).toBeCloseTo(mean, 12);
		});
	});
});
