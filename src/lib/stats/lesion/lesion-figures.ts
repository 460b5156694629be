// The lesion-level figures of merit by name (`--fom` of `tandem analyze`).
import type { LesionFom } from '../analysis-report';
import { afrocFom } from './afroc';
import { afroc1Fom } from './afroc1';
import { hrAucFom } from './hr-auc';
import type { LesionFigure } from './lesion-figure';
import { lesionSensitivityFom } from './lesion-sensitivity';
import { alrocFom, pclFom } from './lroc';
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
	'nl-per-image': nlPerImageFom,
	pcl: pclFom(),
	alroc: alrocFom()
};

/** The settings some figures take: the LROC figures' false-positive fraction. */
export interface LesionFigureSettings {
	/** PCL and ALROC: the FPF at which they are read (default 0.2, as RJafroc). */
	fpf?: number;
}

/** The figure `name` with its settings. */
export function lesionFigure(name: LesionFom, settings: LesionFigureSettings = {}): LesionFigure {
	if (settings.fpf !== undefined && name === 'pcl') return pclFom(settings.fpf);
	if (settings.fpf !== undefined && name === 'alroc') return alrocFom(settings.fpf);
	return LESION_FIGURES[name];
}

export function isLesionFom(name: string): name is LesionFom {
	return Object.hasOwn(LESION_FIGURES, name);
}
