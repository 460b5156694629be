// Section 6, results: the endpoints with the FRRC and RRFC variants beside the RRRC analysis,
// then the figures and tables of the ROC curves, the readers, the subgroups, the reading time,
// the standalone AI, the readers' agreement and the crossover checks.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import {
	primaryResult,
	readerForest,
	readingTimeFigure,
	rocFigure,
	subgroupForest
} from '../report-figures';
import { escape, figure, interval, metricName, n, table } from '../html';
import { decimalsOf, endpointTable } from './endpoints';
import { readerPerformanceTable, subgroupTables } from './results-readers';
import { standaloneAiText } from './results-ai';
import { lesionCurveFigures } from './lesion-curves';
import { agreementTable, crossoverText } from './results-checks';
import { operatingPointsPart } from './results-operating-points';
import { aiPrCurvePart } from './results-ai-pr';
import { effectiveUsePart } from './results-effective-use';
import { measurementAgreementPart } from './results-agreement';

const ROC_CAPTION =
	'Figure 1. Empirical ROC curves per arm: readers (thin), reader-averaged (bold); ' +
	'markers: each reader’s binary decision.';

const SUBGROUP_CAPTION =
	'Figure 3. Subgroup differences of the primary endpoint (RRRC within each subgroup).';

const READING_TIME_CAPTION =
	'Figure 4. Reading time per read by arm (log scale): box = quartiles, whiskers = 1.5 IQR, ' +
	'marker = geometric mean.';

/** Each analysable endpoint under the three OR variants: RRRC, FRRC (fixed readers), RRFC (fixed cases). */
function variantsTable(input: ReportInput): string {
	const rows = input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const decimals = decimalsOf(result);
		const { rrrc } = result;
		return [
			escape(metricName(result.endpoint.metric)),
			`F(${n(rrrc.df1, 0)}, ${n(rrrc.df2, 2)}) = ${n(rrrc.f, 3)}`,
			interval(rrrc, decimals),
			interval(result.frrc, decimals),
			interval(result.rrfc, decimals)
		];
	});
	const head = ['Endpoint', 'RRRC test', 'RRRC difference', 'FRRC difference', 'RRFC difference'];
	return table(head, rows, 'compact');
}

function readerFigure(input: ReportInput, showMargin: boolean): string {
	const margin = primaryResult(input.analysis)?.endpoint.margin;
	const marginLine = showMargin && margin ? `; dashed line: margin −${margin}` : '';
	const caption =
		'Figure 2. Per-reader differences of the primary endpoint with 95 % CIs (readers fixed), ' +
		`and the RRRC difference (diamond)${marginLine}.`;
	return figure(readerForest(input.analysis, showMargin), caption);
}

function subgroupFigure(input: ReportInput, showMargin: boolean): string {
	const primary = primaryResult(input.analysis);
	if (!primary) return '';
	return figure(
		subgroupForest(input.analysis, primary.endpoint.metric, showMargin),
		SUBGROUP_CAPTION
	);
}

export function resultsSection(input: ReportInput): string {
	const showMargin = !input.blinded;
	return `<section id="s6"><h2>6. Results</h2>
<h3>6.1 Endpoints</h3>
${endpointTable(input)}
${variantsTable(input)}
<h3>6.2 ROC curves</h3>
${figure(rocFigure(input.analysis), ROC_CAPTION)}
${lesionCurveFigures(input)}
<h3>6.3 Readers</h3>
${readerFigure(input, showMargin)}
${readerPerformanceTable(input)}
<h3>6.4 Subgroups</h3>
${subgroupFigure(input, showMargin)}
${subgroupTables(input)}
<h3>6.5 Reading time</h3>
${figure(readingTimeFigure(input.analysis), READING_TIME_CAPTION)}
<h3>6.6 Standalone AI beside the readers</h3>
${standaloneAiText(input)}
${operatingPointsPart(input)}
${aiPrCurvePart(input)}
<h3>6.7 Reader agreement</h3>
${agreementTable(input)}
<h3>6.8 Crossover checks</h3>
${crossoverText(input)}
${effectiveUsePart(input)}
${measurementAgreementPart(input)}
</section>`;
}
