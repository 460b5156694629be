// The lesion-level figures of merit by name (`--fom` of `tandem analyze`).
import type { LesionFom } from '../analysis-report';
import { afrocFom } from './afroc';
import { afroc1Fom } from './afroc1';
import { hrAucFom } from './hr-auc';
import type { LesionFigure } from './lesion-figure';
import { lesionSensitivityFom } from './lesion-sensitivity';
import { nlPerImageFom } from './nl-per-image';
import { wafrocFom } from './wafroc';
import { wafroc1Fom } from './wafroc1';

export const LESION_FIGURES: Record<LesionFom, LesionFigure> = {
	wafroc: wafrocFom,
	afroc: afrocFom,
	wafroc1: wafroc1Fom,
	afroc1: afroc1Fom,
	'hr-auc': hrAucFom,
	'lesion-sensitivity': lesionSensitivityFom,
	'nl-per-image': nlPerImageFom
};

export function isLesionFom(name: string): name is LesionFom {
	return Object.hasOwn(LESION_FIGURES, name);
}
