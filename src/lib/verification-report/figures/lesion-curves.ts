// Figures: empirical FROC and wAFROC curves per arm. As in the ROC figure, each reader's curve is
// thin and translucent and the arm's reader average bold — RJafroc's vertical average, the mean
// ordinate over readers at each abscissa (verticalAverage in stats/lesion/curves; FROC averages
// stop at the smallest reader's largest NLF) — in the arm's colour, dash and marker; the AI's
// standalone curve, when given, is black. The wAFROC legend gives each arm's mean wAFROC (the
// average curve's area) and the AI's.
import { curveArea, type CurvePoint } from '../../stats/lesion/curves/curve-points';
import { draw, prepare, type LesionCurvesInput, type PreparedArm } from './lesion-curve-drawing';
import {
	FROC_LABELS_EN,
	WAFROC_LABELS_EN,
	type FrocLabels,
	type WafrocLabels
} from './lesion-figure-labels';
import { plotFrame } from './lesion-plot-frame';
import { formatNumber, svgDocument } from './svg';

export type { LesionCurveArm, LesionCurveReader, LesionCurvesInput } from './lesion-curve-drawing';

/** FROC curves per arm (and the AI's) as a standalone SVG string. */
export function frocCurves(input: LesionCurvesInput<FrocLabels>): string {
	const labels = input.labels ?? FROC_LABELS_EN;
	const arms = prepare(input, false);
	const ends = [
		...arms.flatMap((arm) => arm.readers.map((reader) => reader.points.at(-1)!.x)),
		...(input.ai ? [input.ai.points.at(-1)!.x] : [])
	];
	const frame = plotFrame(Math.max(...ends) > 0 ? Math.max(...ends) : 1, labels);
	const armText = (arm: PreparedArm) =>
		labels.legendArm(arm.label, labels.readers(arm.readers.length));
	const aiText = input.ai ? labels.legendAi(input.ai.label) : '';
	const { body, width, height } = draw({
		frame,
		arms,
		ai: input.ai,
		readerTooltip: (reader, arm) => labels.readerTooltip(reader, arm),
		armText,
		aiText,
		notes: [labels.noteBold, labels.noteThin]
	});
	const summary = arms
		.map((arm) => labels.armSummary(arm.label, labels.readers(arm.readers.length)))
		.join('; ');
	const description = [
		input.description,
		labels.describe(labels.arms(arms.length), summary),
		arms.length > 0 ? labels.describeMethod : undefined,
		input.ai ? labels.describeAi(input.ai.label) : undefined
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure froc-curves'
	});
}

/** wAFROC curves per arm (and the AI's) as a standalone SVG string. */
export function wafrocCurves(input: LesionCurvesInput<WafrocLabels>): string {
	const labels = input.labels ?? WAFROC_LABELS_EN;
	const decimals = input.decimals ?? 3;
	const arms = prepare(input, true);
	const area = (points: readonly CurvePoint[]) => formatNumber(curveArea(points), decimals);
	const averaged = (arm: PreparedArm) => labels.averaged(area(arm.average));
	const armText = (arm: PreparedArm) =>
		labels.legendArm(arm.label, averaged(arm), labels.readers(arm.readers.length));
	const aiText = input.ai ? labels.legendAi(input.ai.label, area(input.ai.points)) : '';
	const { body, width, height } = draw({
		frame: plotFrame(1, labels),
		arms,
		ai: input.ai,
		readerTooltip: (reader, arm, points) => labels.readerTooltip(reader, arm, area(points)),
		armText,
		aiText,
		notes: [labels.noteBold, labels.noteThin]
	});
	const summary = arms
		.map((arm) => labels.armSummary(arm.label, labels.readers(arm.readers.length), averaged(arm)))
		.join('; ');
	const description = [
		input.description,
		labels.describe(labels.arms(arms.length), summary),
		labels.describeMethod,
		input.ai ? labels.describeAi(input.ai.label, area(input.ai.points)) : undefined
	]
		.filter((part) => part)
		.join(' ');
	return svgDocument({
		width,
		height,
		title: input.title ?? labels.title,
		description,
		body,
		className: 'figure wafroc-curves'
	});
}
