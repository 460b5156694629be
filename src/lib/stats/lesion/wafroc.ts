// wAFROC (Chakraborty 2017, ch. 13): the probability that a lesion, weighted as declared, is
// rated above a non-diseased case's highest NL — the figure RJafroc recommends for FROC studies.
import { afrocJackknifeCases, computeAfroc } from './afroc-family';
import type { LesionFigure } from './lesion-figure';

export const wafrocFom: LesionFigure = {
	name: 'wafroc',
	rjafrocName: 'wAFROC',
	label: 'wAFROC',
	boundedToUnitInterval: true,
	jackknifeCases: afrocJackknifeCases,
	compute: (truth, marks) =>
		computeAfroc(truth, marks, { falsePositivesFrom: 'non-diseased', lesionWeights: 'declared' })
};
