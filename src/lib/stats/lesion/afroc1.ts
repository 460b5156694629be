// AFROC1: AFROC with the highest NL of every case, diseased ones included, as a false positive
// (RJafroc's `AFROC1`).
import { afrocJackknifeCases, computeAfroc } from './afroc-family';
import type { LesionFigure } from './lesion-figure';

export const afroc1Fom: LesionFigure = {
	name: 'afroc1',
	rjafrocName: 'AFROC1',
	label: 'AFROC1',
	boundedToUnitInterval: true,
	jackknifeCases: afrocJackknifeCases,
	compute: (truth, marks) =>
		computeAfroc(truth, marks, { falsePositivesFrom: 'all', lesionWeights: 'equal' })
};
