// The endpoint table both the summary (section 1) and the results (section 6) print: each
// declared endpoint with the arms' estimates, the RRRC difference with its two-sided p of no
// difference, and beside the decision against the margin the p of the declared test, one-sided
// against the bound it names (both withheld while the arms are coded).
import { isEndpointResult, type EndpointOutcome } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { ReportInput } from '../report-input';
import { DASH, escape, interval, metricName, n, p, table } from '../html';

/** Decimals of an endpoint's figures: a ratio (reading time) to 3, a difference to 4. */
export const decimalsOf = (result: EndpointResult): number => (result.scale === 'ratio' ? 3 : 4);

/** "test − reference", the orientation of every difference in the report (escaped). */
export const armsDifference = (input: ReportInput): string =>
	`${escape(input.arms.test)} − ${escape(input.arms.reference)}`;

function endpointName(outcome: EndpointOutcome): string {
	const { endpoint } = outcome;
	const test =
		endpoint.hypothesis === 'non-inferiority'
			? `non-inferiority, margin ${endpoint.margin}`
			: 'superiority';
	const name = escape(metricName(endpoint.metric));
	// NLs per image: the test arm should make fewer false-positive marks than the reference.
	const direction = endpoint.metric === 'fp_per_image' ? '; fewer is better' : '';
	return `${name} (${endpoint.group}; ${test}${direction}; one-sided α ${endpoint.alpha})`;
}

function decisionText(result: EndpointResult, blinded: boolean): string {
	if (blinded) return '<em>withheld until unblinding</em>';
	const { test } = result;
	const level = 100 * (1 - test.alpha);
	const bound =
		'lowerBound' in test
			? `lower ${level} % bound ${n(test.lowerBound)} vs ${n(test.threshold, 2)}`
			: 'direction' in test
				? `upper ${level} % bound ${n(test.upperBound)} vs ${n(test.threshold, 2)} (fewer is better)`
				: `upper ${level} % bound of the ratio ${n(test.upperBound)} vs 1`;
	const verdict = result.met
		? '<strong class="met">Met</strong>'
		: '<strong class="not-met">Not met</strong>';
	return `${verdict} — ${escape(bound)}`;
}

/** What the endpoint table is made from. */
export type EndpointTableInput = Pick<ReportInput, 'analysis' | 'arms' | 'blinded'>;

function declaredPText(result: EndpointResult, blinded: boolean): string {
	if (blinded) return '<em>withheld until unblinding</em>';
	const { declared } = result;
	return `<span class="num">${p(declared.p)}</span> <span class="small">${escape(declared.label)}</span>`;
}

function endpointRow(outcome: EndpointOutcome, input: EndpointTableInput): string[] {
	if (!isEndpointResult(outcome)) {
		const reason = `not analysable: ${escape(outcome.error)}`;
		return [endpointName(outcome), DASH, DASH, DASH, DASH, DASH, reason];
	}
	const decimals = decimalsOf(outcome);
	const arm = (label: string) => {
		const row = outcome.arms.find((item) => item.arm === label);
		return interval(row, decimals);
	};
	const difference = interval(outcome.rrrc, decimals);
	return [
		endpointName(outcome),
		arm(input.arms.reference),
		arm(input.arms.test),
		`<span class="num" data-figure="${outcome.endpoint.metric}-rrrc">${difference}</span>`,
		p(outcome.rrrc.pTwoSided),
		declaredPText(outcome, input.blinded),
		decisionText(outcome, input.blinded)
	];
}

/** Every declared endpoint, analysable or not, in protocol order. */
export function endpointTable(input: EndpointTableInput): string {
	const head = [
		'Endpoint',
		escape(input.arms.reference),
		escape(input.arms.test),
		'Difference (95 % CI)',
		'p, Δ = 0 (two-sided)',
		'p, declared test (one-sided)',
		'Decision'
	];
	const rows = input.analysis.endpoints.map((outcome) => endpointRow(outcome, input));
	return table(head, rows, 'endpoints');
}
