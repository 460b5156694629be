// wAFROC1: wAFROC with the highest NL of every case, diseased ones included, as a false
// positive — for studies with few or no non-diseased cases (RJafroc's `wAFROC1`).
import { afrocJackknifeCases, computeAfroc } from './afroc-family';
import type { LesionFigure } from './lesion-figure';

export const wafroc1Fom: LesionFigure = {
	name: 'wafroc1',
	rjafrocName: 'wAFROC1',
	label: 'wAFROC1',
	boundedToUnitInterval: true,
	jackknifeCases: afrocJackknifeCases,
	compute: (truth, marks) =>
		computeAfroc(truth, marks, { falsePositivesFrom: 'all', lesionWeights: 'declared' })
};
