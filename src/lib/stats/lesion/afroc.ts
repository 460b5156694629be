// AFROC (Chakraborty & Berbaum 2004): the probability that a lesion, every lesion counting
// alike, is rated above a non-diseased case's highest NL.
import { afrocJackknifeCases, computeAfroc } from './afroc-family';
import type { LesionFigure } from './lesion-figure';

export const afrocFom: LesionFigure = {
	name: 'afroc',
	rjafrocName: 'AFROC',
	label: 'AFROC',
	boundedToUnitInterval: true,
	jackknifeCases: afrocJackknifeCases,
	compute: (truth, marks) =>
		computeAfroc(truth, marks, { falsePositivesFrom: 'non-diseased', lesionWeights: 'equal' })
};
