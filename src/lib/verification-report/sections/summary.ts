// Section 1, statement and summary: what was verified on which study, the verdict on the
// primary endpoint (its decision withheld while the arms are coded) and the endpoint table.
import type { ReportInput } from '../report-input';
import { primaryResult } from '../report-figures';
import { escape, interval, metricName } from '../html';
import { armsDifference, endpointTable } from './endpoints';
import { statementPart } from './statement';

const NOT_ANALYSED = 'The primary endpoint could not be analysed (see section 7).';

const DEMO_WARNING =
	'<p class="warning">Demonstration study: synthetic images and simulated reads. Not clinical evidence.</p>';

function verdict(input: ReportInput): string {
	const primary = primaryResult(input.analysis);
	if (!primary) return NOT_ANALYSED;
	const arms = armsDifference(input);
	const difference = interval(primary.rrrc);
	if (input.blinded)
		return `Primary endpoint difference (${arms}): ${difference}.
The arms are coded; the decision against the margin is read once the key is released.`;
	const metric = escape(metricName(primary.endpoint.metric));
	const shown = primary.met
		? '<strong class="met">shown</strong>'
		: '<strong class="not-met">not shown</strong>';
	const { test } = primary;
	const decision = escape('lowerBound' in test || 'direction' in test ? test.decision : '');
	return `Primary endpoint ${metric} difference (${arms}): ${difference};
${primary.endpoint.hypothesis} ${shown} (${decision}).`;
}

export function summarySection(input: ReportInput): string {
	const { design } = input.analysis;
	const { study } = input;
	const software = escape(input.ai ? `${input.ai.name} ${input.ai.version}` : 'under test');
	return `<section id="s1"><h2>1. Statement and summary</h2>
<p>This report verifies the performance of readers with and without the AI software
<strong>${software}</strong> in the reader study <strong>${escape(study.title)}</strong>
(protocol ${escape(study.slug)} version ${escape(study.protocolVersion)}):
${design.readers.length} readers read ${design.cases} cases
(${design.positive} diseased, ${design.negative} non-diseased) in both arms, ${design.reads} reads in all.</p>
<p class="verdict">${verdict(input)}</p>
${endpointTable(input)}
<p class="small">Differences are ${armsDifference(input)} (reading time: ratio of geometric means),
Obuchowski–Rockette, random readers and cases, jackknife covariance, Hillis degrees of freedom.</p>
${study.demo ? DEMO_WARNING : ''}
${statementPart(input)}
</section>`;
}
