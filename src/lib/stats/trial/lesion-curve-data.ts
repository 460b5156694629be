// The lesion-level curves of a trial, for the report and the analysis page: each arm's readers'
// empirical FROC and wAFROC curves (from the blind export's lesions.csv and marks.csv, so arms and
// readers are the export's codes until unblinding; reader-averaged where drawn), and, when the
// AI's lesion-level standalone is available, its FROC, wAFROC and precision–recall curves. The
// points only (x, y; recall, precision): what a figure draws. Pure.
import type { LesionStudy } from '../lesion/lesion-study';
import type { CurvePoint } from '../lesion/curves/curve-points';
import { lesionCurve } from '../lesion/curves/reader-averaged';

export interface LesionArmCurves {
	arm: string;
	readers: Array<{ reader: string; points: CurvePoint[] }>;
}

export interface AiIntervalFigure {
	estimate: number;
	lower: number;
	upper: number;
}

export interface AiPrSeries {
	points: Array<{ recall: number; precision: number }>;
	averagePrecision: AiIntervalFigure;
}

/** The AI judged lesion by lesion (its candidates matched by the protocol's rule). */
export interface AiLesionCurves {
	froc: CurvePoint[];
	/** Null without non-diseased cases. */
	wafroc: CurvePoint[] | null;
	precisionRecall: AiPrSeries;
	byType: Array<AiPrSeries & { type: string }>;
	level: number;
}

export interface LesionCurveData {
	froc: LesionArmCurves[];
	/** Empty without non-diseased cases. */
	wafroc: LesionArmCurves[];
	ai: AiLesionCurves | null;
}

const xy = (points: readonly CurvePoint[]): CurvePoint[] => points.map(({ x, y }) => ({ x, y }));

export function lesionCurveData(study: LesionStudy, ai: AiLesionCurves | null): LesionCurveData {
	const withNormals = study.truth.some((value) => value === 0);
	const curves = (kind: 'froc' | 'wafroc'): LesionArmCurves[] =>
		study.modalities.map((arm, i) => ({
			arm,
			readers: study.readers.map((reader, j) => ({
				reader,
				points: xy(lesionCurve(study, kind, i, j))
			}))
		}));
	return { froc: curves('froc'), wafroc: withNormals ? curves('wafroc') : [], ai };
}
