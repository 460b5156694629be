// NLs per non-diseased image at the lowest threshold (RJafroc's `MaxNLF`, the FROC curve's
// rightmost abscissa): the number of NL marks on non-diseased cases over their number. Each
// non-diseased case is left out in turn by the jackknife. Not bounded by 1.
import { DesignError } from '../design-error';
import { casesWithTruth } from '../fom/figure-of-merit';
import type { LesionFigure } from './lesion-figure';

export const nlPerImageFom: LesionFigure = {
	name: 'nl-per-image',
	rjafrocName: 'MaxNLF',
	label: 'NLs per non-diseased image (all marks)',
	boundedToUnitInterval: false,
	jackknifeCases: (truth) => casesWithTruth(truth, 0),
	compute(truth, marks) {
		const normal = casesWithTruth(truth.truth, 0);
		if (normal.length === 0) throw new DesignError('NLs per image needs non-diseased cases');
		const count = (k: number) => (marks.nlStart[k + 1] as number) - (marks.nlStart[k] as number);
		let total = 0;
		for (const k of normal) total += count(k);
		return {
			estimate: total / normal.length,
			leaveOneOut: () => Float64Array.from(normal, (k) => (total - count(k)) / (normal.length - 1)),
			weightedEstimate(multiplicity) {
				let top = 0;
				let bottom = 0;
				for (const k of normal) {
					top += (multiplicity[k] as number) * count(k);
					bottom += multiplicity[k] as number;
				}
				return top / bottom;
			}
		};
	}
};
