// HrAuc (RJafroc's `HrAuc`): the empirical ROC AUC when each case is rated by its highest mark,
// NL or LL (−∞ for a case without marks) — the ROC a FROC study implies, ties counting ½.
import { empiricalAucFom } from '../fom/empirical-auc';
import type { LesionFigure } from './lesion-figure';
import { highestNl } from './lesion-study';

export const hrAucFom: LesionFigure = {
	name: 'hr-auc',
	rjafrocName: 'HrAuc',
	label: 'highest-rating ROC AUC',
	boundedToUnitInterval: true,
	jackknifeCases: (truth) => empiricalAucFom.jackknifeCases(truth),
	compute(truth, marks) {
		const highest = highestNl(marks);
		for (let l = 0; l < marks.ll.length; l++) {
			const k = truth.lesionCase[l] as number;
			if ((marks.ll[l] as number) > (highest[k] as number)) highest[k] = marks.ll[l] as number;
		}
		return empiricalAucFom.compute(highest, truth.truth);
	}
};
