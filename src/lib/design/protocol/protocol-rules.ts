// The protocol's rules that span several fields (run by protocolSchema after each field is
// checked), the lesion-level helpers they rest on, and the advisories a reviewer should see.
import type { z } from 'zod';
import { LESION_METRICS } from './protocol-vocabulary';
import type { Arm, Endpoint, Protocol } from './protocol.schema';

/** Every declared margin carries its clinical justification. */
function checkMarginJustifications(
	p: Protocol,
	issue: (path: PropertyKey[], message: string) => void
) {
	for (const group of ['primary', 'secondary'] as const)
		p.endpoints[group].forEach((endpoint, index) => {
			if (endpoint.margin !== undefined && endpoint.margin_justification === undefined)
				issue(
					['endpoints', group, index, 'margin_justification'],
					`endpoint ${group} ${index + 1} (${endpoint.metric}) declares a margin of ${endpoint.margin}: give its clinical justification in margin_justification`
				);
		});
}

type RefinementContext = z.core.$RefinementCtx<z.output<z.ZodObject>>;

/** Rules that span several fields. */
export function checkProtocolRules(
	protocol: Record<string, unknown>,
	ctx: RefinementContext
): void {
	const p = protocol as unknown as Protocol;
	const issue = (path: PropertyKey[], message: string) =>
		ctx.addIssue({ code: 'custom', path, message });

	if (p.arms.length === 2 && p.arms.filter((arm) => arm.ai).length !== 1) {
		issue(['arms'], 'one arm must have ai: true and the other ai: false');
	}
	checkLesionTask(p, issue);
	checkMarginJustifications(p, issue);
	if (p.rating.measurement_marks && !p.rating.lesion_marks && p.rating.task === 'roc')
		issue(
			['rating', 'measurement_marks'],
			'ROIs count as lesion marks only with lesion_marks: true'
		);
	if (p.arms.length === 2 && p.arms[0]?.id === p.arms[1]?.id)
		issue(['arms', 1, 'id'], 'arm ids must differ');
	duplicates(p.sites.map((site) => site.code)).forEach((index) =>
		issue(['sites', index, 'code'], `duplicate site code "${p.sites[index]?.code}"`)
	);
	duplicates(p.cases.strata).forEach((index) =>
		issue(['cases', 'strata', index], 'duplicate stratum')
	);

	const { design } = p;
	if (design.type === 'crossover' && design.washout_days < 1) {
		issue(['design', 'washout_days'], 'a crossover design needs a washout of at least one day');
	}
	if (design.type === 'sequential' && design.washout_days > 0) {
		issue(
			['design', 'washout_days'],
			'a sequential design reads both arms in one sitting: no washout'
		);
	}
	if (design.type === 'sequential') checkSequentialArms(p.arms, issue);
	if (design.type === 'split-plot' && design.split_plot_groups === undefined) {
		issue(
			['design', 'split_plot_groups'],
			'a split-plot design needs split_plot_groups (2 or more)'
		);
	}
	if (design.type !== 'split-plot' && design.split_plot_groups !== undefined) {
		issue(['design', 'split_plot_groups'], 'only a split-plot design has groups');
	}
	if (design.sequence_block_size % 2 !== 0) {
		issue(['design', 'sequence_block_size'], 'the block size must be even so AB and BA balance');
	}
	if (design.block_stratum !== undefined && !p.cases.strata.includes(design.block_stratum)) {
		issue(['design', 'block_stratum'], `"${design.block_stratum}" is not one of cases.strata`);
	}

	for (const group of ['primary', 'secondary'] as const) {
		p.endpoints[group].forEach((endpoint, index) =>
			checkEndpoint(endpoint, ['endpoints', group, index], issue)
		);
	}
}

/** A lesion-level task needs truth lesions; lesion metrics need the task that records them. */
function checkLesionTask(p: Protocol, issue: (path: PropertyKey[], message: string) => void) {
	const { task } = p.rating;
	if (task !== 'roc' && !hasTruthLesions(p))
		issue(['truth', 'lesions'], `a ${task} task needs truth lesions: name the file (lesions.csv)`);
	if (p.matching.criterion === 'iou' && p.rating.mark_shape !== 'box')
		issue(
			['matching', 'criterion'],
			'matching by IoU compares boxes: set rating.mark_shape to box'
		);
	for (const group of ['primary', 'secondary'] as const)
		p.endpoints[group].forEach((endpoint, index) => {
			const needs = lesionTaskOf(endpoint.metric);
			if (needs !== null && needs !== task)
				issue(
					['endpoints', group, index, 'metric'],
					`${endpoint.metric} is measured from marks in a ${needs} task: set rating.task to ${needs}`
				);
		});
}

/** Whether the study has truth lesions: from its lesions file, or made by the reference standard. */
export function hasTruthLesions(p: Pick<Protocol, 'truth' | 'reference_standard'>): boolean {
	return p.truth.lesions !== undefined || p.reference_standard !== undefined;
}

/** The task a metric is measured in, or null for a case-level metric. */
export function lesionTaskOf(metric: Endpoint['metric']): 'froc' | 'lroc' | null {
	if (metric === 'lroc') return 'lroc';
	return (LESION_METRICS as readonly string[]).includes(metric) ? 'froc' : null;
}

/** Whether readers place marks: always in a froc or lroc task, on request in a roc task. */
export function asksForMarks(rating: Protocol['rating']): boolean {
	return rating.task !== 'roc' || rating.lesion_marks;
}

/**
 * The sequential design reads arms[0] (the control) first and arms[1] (the test arm) at once after
 * it, starting from the control answer: the control must be the arm without the AI.
 */
function checkSequentialArms(
	arms: readonly Arm[],
	issue: (path: PropertyKey[], message: string) => void
) {
	if (arms[0]?.ai === true)
		issue(
			['arms', 0, 'ai'],
			'in a sequential design the first arm is the control, read first without the AI: it needs ai: false'
		);
	if (arms[1]?.ai === false)
		issue(
			['arms', 1, 'ai'],
			'in a sequential design the second arm is the test arm, read with the AI: it needs ai: true'
		);
}

function checkEndpoint(
	endpoint: Endpoint,
	path: PropertyKey[],
	issue: (path: PropertyKey[], message: string) => void
) {
	if (endpoint.hypothesis === 'non-inferiority') {
		if (endpoint.metric === 'reading_time') {
			issue(
				[...path, 'hypothesis'],
				'reading time is tested for superiority (ratio of geometric means)'
			);
		} else if (endpoint.margin === undefined || endpoint.margin <= 0) {
			issue([...path, 'margin'], 'a non-inferiority endpoint needs a margin greater than 0');
		}
	}
	if (endpoint.fpf !== undefined && endpoint.metric !== 'lroc')
		issue([...path, 'fpf'], 'only an lroc endpoint is read at a false-positive fraction');
	if (
		endpoint.hypothesis === 'superiority' &&
		endpoint.margin !== undefined &&
		endpoint.margin !== 0
	) {
		issue([...path, 'margin'], 'a superiority endpoint has no margin (or margin 0)');
	}
}

function duplicates(values: readonly string[]): number[] {
	const seen = new Set<string>();
	const repeated: number[] = [];
	values.forEach((value, index) => {
		if (seen.has(value)) repeated.push(index);
		seen.add(value);
	});
	return repeated;
}

/** Advisories that do not stop a load but that a protocol reviewer should see. */
export function protocolWarnings(
	protocol: Protocol
): Array<{ path: PropertyKey[]; message: string }> {
	const warnings: Array<{ path: PropertyKey[]; message: string }> = [];
	if (protocol.design.type === 'crossover' && protocol.design.washout_days < 28) {
		warnings.push({
			path: ['design', 'washout_days'],
			message: 'washout shorter than the usual 4 weeks'
		});
	}
	if (protocol.sites.length < 3) {
		warnings.push({ path: ['sites'], message: 'fewer than 3 sites (CAS-1 recommends at least 3)' });
	}
	return warnings;
}
