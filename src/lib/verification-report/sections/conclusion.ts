// Section 8, conclusion and limitations: each endpoint's decision (none while the key is
// sealed) and the limits of what the study shows.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import { listItems, metricName } from '../html';
import { declaredLimitationsPart } from './conclusion-limitations';

const SEALED =
	'The arm key is sealed: the conclusions are drawn once the evaluator has registered their results ' +
	'and the key is released.';

const DESCRIPTIVE_SUBGROUPS =
	'Subgroup analyses are descriptive; the study is powered for the primary endpoint only.';

const STUDY_CONDITIONS =
	'Cases were read under study conditions (enriched prevalence, timed reads), ' +
	'which may differ from clinical practice.';

const SYNTHETIC_IMAGES =
	'The images are synthetic phantoms; the results demonstrate the method, ' +
	'not the AI’s clinical performance.';

function conclusions(input: ReportInput): string[] {
	if (input.blinded) return [SEALED];
	return input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const { endpoint } = result;
		const outcome = `${endpoint.hypothesis} ${result.met ? 'shown' : 'not shown'}`;
		return `${metricName(endpoint.metric)} (${endpoint.group}): ${outcome}.`;
	});
}

function limitations(input: ReportInput): string[] {
	const { simulatedReads } = input.testSet;
	return [
		DESCRIPTIVE_SUBGROUPS,
		STUDY_CONDITIONS,
		...(simulatedReads > 0
			? [`${simulatedReads} reads were produced by simulated readers for demonstration.`]
			: []),
		...(input.study.demo ? [SYNTHETIC_IMAGES] : [])
	];
}

export function conclusionSection(input: ReportInput): string {
	const heading = '<h2>8. Conclusion and limitations</h2>';
	const lines = `<ul>${listItems(conclusions(input))}</ul>`;
	const limits = `<h3>Limitations</h3><ul>${listItems(limitations(input))}</ul>`;
	return `<section id="s8">${heading}${lines}${limits}${declaredLimitationsPart(input)}</section>`;
}
