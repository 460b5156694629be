// The lesion-level standalone evaluation as plain text, after the case-level table of
// `tandem model evaluate`.
import type { LesionEvaluation } from '../../lib/server/ai/lesion-evaluation.service';
import type { IntervalEstimate } from '../../lib/stats/lesion/standalone/bootstrap-interval';
import type { MatchRule } from '../../lib/stats/lesion/match-marks';

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const decimal = (value: number) => value.toFixed(3);

function estimate(value: IntervalEstimate, format: (value: number) => string): string {
	if (!Number.isFinite(value.estimate)) return 'n/a';
	const bounds =
		Number.isFinite(value.lower) && Number.isFinite(value.upper)
			? ` (${format(value.lower)}–${format(value.upper)})`
			: ' (CI n/a)';
	return `${format(value.estimate)}${bounds}`;
}

function ruleText(rule: MatchRule): string {
	if (rule.criterion === 'iou') return `candidate box IoU ≥ ${rule.iou} with the lesion's box`;
	if (rule.criterion === 'inside') return "candidate centre inside the lesion's region";
	return `candidate centre within ${rule.acceptanceMm} mm of the lesion's region`;
}

export function formatLesionEvaluation(evaluation: LesionEvaluation): string {
	const { bootstrap } = evaluation;
	const row = (label: string, value: string, note = '') =>
		`${label.padEnd(34)}  ${value.padEnd(26)}${note ? `  ${note}` : ''}`.trimEnd();
	const lines = [
		`Lesion-level standalone performance of ${evaluation.model.name} ${evaluation.model.version}: every stored candidate matched to the truth lesions (${ruleText(evaluation.rule)})`,
		`${evaluation.cases} cases (${evaluation.diseasedCases} diseased), ${evaluation.lesions} lesions, ${evaluation.candidates} candidates`,
		`Cases the model could not process: ${evaluation.failedCases}, counted with every lesion missed and no NL`,
		`CIs: ${Math.round(bootstrap.level * 100)}% bootstrap percentile, ${bootstrap.samples} case resamples (stratified by truth), seed ${bootstrap.seed}`,
		`The FROC curve ends at ${(evaluation.froc.at(-1)?.x ?? 0).toFixed(3)} NLs per image (every candidate counted); beyond it, sensitivity is its last value`,
		'',
		row('figure', `estimate (${Math.round(bootstrap.level * 100)}% CI)`),
		...evaluation.sensitivity.map((point) =>
			row(
				`lesion sensitivity at ${point.nlPerImage} NL/image`,
				estimate(point, percent),
				'FROC, linear interpolation'
			)
		),
		row(
			'wAFROC',
			evaluation.wafroc ? estimate(evaluation.wafroc.figure, decimal) : 'n/a',
			evaluation.wafroc ? '' : 'no non-diseased case'
		),
		row(
			'AFROC',
			evaluation.afroc ? estimate(evaluation.afroc.figure, decimal) : 'n/a',
			evaluation.afroc ? '' : 'no non-diseased case'
		),
		row(
			'AP, all lesions',
			estimate(evaluation.precisionRecall.averagePrecision, decimal),
			`${evaluation.lesions} lesions`
		),
		...evaluation.byType.map((type) =>
			row(`AP, ${type.type}`, estimate(type.averagePrecision, decimal), `${type.lesions} lesions`)
		),
		row(
			'mAP',
			evaluation.meanAveragePrecision ? estimate(evaluation.meanAveragePrecision, decimal) : 'n/a',
			evaluation.meanAveragePrecision
				? `mean over ${evaluation.byType.length} lesion types`
				: 'no lesion type given'
		)
	];
	return `${lines.join('\n')}\n`;
}
