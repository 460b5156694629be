// Section 6.6: the AI standalone beside the readers' mean performance in each arm, the cases
// it could not process, and its stability across subgroups (AI-4).
import { isEndpointResult, type StandaloneAi } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import { aucInterval, escape, interval, pct, stratumName, table } from '../html';

const NOT_ANALYSED = '<p>The AI was not analysed standalone (see section 7).</p>';
const STABLE = '<p>No subgroup differs from another by more than 10 % (AI-4).</p>';

/** The readers' mean sensitivity, specificity and AUC in one arm, from the endpoint analyses. */
function readerMeans(input: ReportInput, arm: string): string[] {
	const results = input.analysis.endpoints.filter(isEndpointResult);
	const mean = (metric: string) => {
		const result = results.find((item) => item.endpoint.metric === metric);
		const row = result?.arms.find((item) => item.arm === arm);
		return interval(row, 3);
	};
	return [`Readers, ${escape(arm)} (mean)`, mean('sensitivity'), mean('specificity'), mean('auc')];
}

function stability(ai: StandaloneAi): string {
	const flags = ai.subgroups.flatMap((group) =>
		group.flags.map((flag) => {
			const stratum = escape(stratumName(group.stratum));
			const between = `between ${escape(flag.low)} and ${escape(flag.high)}`;
			return `${stratum}: ${flag.metric} differs by ${pct(flag.relativeDifference)} ${between}`;
		})
	);
	if (flags.length === 0) return STABLE;
	return `<p class="warning">Stability across subgroups (AI-4, flag above 10 % relative difference):
${flags.join('; ')}.</p>`;
}

export function standaloneAiText(input: ReportInput): string {
	const ai = input.analysis.standaloneAi;
	if (!ai) return NOT_ANALYSED;
	const { binary, auc } = ai.overall;
	const rows = [
		[
			'AI standalone',
			interval(binary.sensitivity, 3),
			interval(binary.specificity, 3),
			aucInterval(auc, 3)
		],
		readerMeans(input, input.arms.reference),
		readerMeans(input, input.arms.test)
	];
	return `${table(['', 'Sensitivity', 'Specificity', 'AUC'], rows, 'compact')}
<p>${ai.failed} case(s) could not be processed by the AI and are counted per the protocol's rule.</p>
${stability(ai)}`;
}
