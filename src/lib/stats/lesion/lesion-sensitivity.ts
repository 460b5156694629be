// Lesion-level sensitivity at the lowest threshold (RJafroc's `MaxLLF`, the FROC curve's
// highest ordinate): the share of all lesions that a mark localised. Each diseased case is
// left out in turn by the jackknife; non-diseased cases carry no information on it.
import { DesignError } from '../design-error';
import { casesWithTruth } from '../fom/figure-of-merit';
import type { LesionFigure } from './lesion-figure';
import { lesionCounts } from './lesion-study';

export const lesionSensitivityFom: LesionFigure = {
	name: 'lesion-sensitivity',
	rjafrocName: 'MaxLLF',
	label: 'lesion sensitivity (all marks)',
	boundedToUnitInterval: true,
	jackknifeCases: (truth) => casesWithTruth(truth, 1),
	compute(truth, marks) {
		const diseased = casesWithTruth(truth.truth, 1);
		if (diseased.length === 0) throw new DesignError('lesion sensitivity needs diseased cases');
		const counts = lesionCounts(truth);
		const found = new Float64Array(truth.cases.length);
		for (let l = 0; l < marks.ll.length; l++)
			if ((marks.ll[l] as number) > -Infinity) found[truth.lesionCase[l] as number]! += 1;
		let lesions = 0;
		let localised = 0;
		for (const k of diseased) {
			lesions += counts[k] as number;
			localised += found[k] as number;
		}
		return {
			estimate: localised / lesions,
			leaveOneOut: () =>
				Float64Array.from(
					diseased,
					(k) => (localised - (found[k] as number)) / (lesions - (counts[k] as number))
				),
			weightedEstimate(multiplicity) {
				let top = 0;
				let bottom = 0;
				for (const k of diseased) {
					top += (multiplicity[k] as number) * (found[k] as number);
					bottom += (multiplicity[k] as number) * (counts[k] as number);
				}
				return top / bottom;
			}
		};
	}
};
