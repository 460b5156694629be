// Section 6.2, lesion-level figures (a study with lesion-level endpoints): the reader-averaged
// FROC and wAFROC curves per arm, with the AI's standalone curves when its lesion-level
// standalone is available, and the AI's precision–recall curve with its average precision.
import type { ReportInput } from '../report-input';
import { figure } from '../html';
import { aiPrFigure, frocFigure, wafrocFigure } from '../lesion-report-figures';

const FROC_CAPTION =
	'Figure 1b. Empirical FROC curves per arm: readers (thin), reader-averaged by vertical ' +
	'averaging (bold)';
const WAFROC_CAPTION =
	'Figure 1c. Empirical wAFROC curves per arm: readers (thin), reader-averaged (bold); the ' +
	'area under each is its wAFROC figure of merit';
const PR_CAPTION =
	'Figure 1d. Precision–recall curve of the AI’s candidates matched to the truth lesions, ' +
	'overall and per lesion type; bold: interpolated precision, whose area is the average ' +
	'precision (VOC all-point), with case-resampling bootstrap intervals.';

export function lesionCurveFigures(input: ReportInput): string {
	const { analysis } = input;
	if (!analysis.lesionCurves) return '';
	const aiLabel = input.ai ? `${input.ai.name} ${input.ai.version}` : 'AI';
	const withAi = analysis.lesionCurves.ai ? `; black: ${aiLabel} standalone.` : '.';
	return [
		'<h4>Lesion-level curves</h4>',
		figure(frocFigure(analysis, aiLabel), FROC_CAPTION + withAi),
		figure(wafrocFigure(analysis, aiLabel), WAFROC_CAPTION + withAi),
		figure(aiPrFigure(analysis), PR_CAPTION)
	]
		.filter((part) => part)
		.join('\n');
}
