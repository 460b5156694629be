// Every reader's empirical curve per modality and their reader average, as RJafroc's
// PlotEmpiricalOperatingCharacteristics does for a modality with several readers: the readers'
// curves are averaged vertically (mean ordinate at each abscissa, verticalAverage), not pooled
// into one reader. FROC averages stop at the smallest of the readers' largest NLF.
import type { LesionStudy } from '../lesion-study';
import { afrocCurve } from './afroc-curve';
import { verticalAverage, type CurvePoint, type ThresholdPoint } from './curve-points';
import { frocCurve } from './froc-curve';

export type LesionCurveKind = 'froc' | 'afroc' | 'wafroc';

export interface ModalityCurves {
	modality: string;
	/** Per reader, in the study's reader order. */
	readers: Array<{ reader: string; points: ThresholdPoint[] }>;
	average: CurvePoint[];
}

export function lesionCurve(
	study: LesionStudy,
	kind: LesionCurveKind,
	modality: number,
	reader: number
): ThresholdPoint[] {
	const marks = study.marks[modality]?.[reader];
	if (!marks) throw new RangeError(`no marks for modality ${modality}, reader ${reader}`);
	if (kind === 'froc') return frocCurve(study, marks);
	return afrocCurve(study, marks, kind === 'wafroc' ? 'declared' : 'equal');
}

export function readerAveragedCurves(study: LesionStudy, kind: LesionCurveKind): ModalityCurves[] {
	return study.modalities.map((modality, i) => {
		const readers = study.readers.map((reader, j) => ({
			reader,
			points: lesionCurve(study, kind, i, j)
		}));
		return { modality, readers, average: verticalAverage(readers.map((r) => r.points)) };
	});
}
