// The study protocol (studies/<slug>/study.yaml), validated before anything is stored.
// Keys are snake_case as written in the file, so an error path is the path a person edits.
// Requirements: DES-1..4 (design, randomization, washout, endpoints), CAS-1 (strata).
import { z } from 'zod';
import { oneSidedAlphaProblem } from '../../stats/hypothesis/alpha';
import { hangingProtocolsSchema } from './hanging-protocol.schema';
import { robustnessSchema } from './robustness.schema';
import { declaredText, isoDate, verificationSchema } from './verification.schema';
import { NAME_MAX, text } from './schema-text';

const VERSION_MAX = 64;
const FILE_MAX = 255;

const identifier = z
	.string()
	.max(64)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens (e.g. "site-a")');

export const DESIGNS = ['crossover', 'sequential', 'fully-crossed', 'split-plot'] as const;
export const METRICS = [
	'auc',
	'sensitivity',
	'specificity',
	'reading_time',
	'wafroc',
	'afroc',
	'lesion_sensitivity',
	'fp_per_image',
	'lroc'
] as const;
/** Metrics computed from marks matched to truth lesions (rating.task froc; lroc for lroc). */
export const LESION_METRICS = [
	'wafroc',
	'afroc',
	'lesion_sensitivity',
	'fp_per_image',
	'lroc'
] as const satisfies readonly (typeof METRICS)[number][];
/** What a reader answers per case: a case rating (roc), marks each rated (froc), or one mark and a case rating (lroc). */
export const RATING_TASKS = ['roc', 'froc', 'lroc'] as const;
/** How a mark is judged to localise a truth lesion (stats/lesion/match-marks.ts). */
export const MATCH_CRITERIA = ['distance', 'iou', 'inside'] as const;
export const HYPOTHESES = ['non-inferiority', 'superiority'] as const;

const armSchema = z.strictObject({
	id: identifier,
	label: text(NAME_MAX),
	/** Whether the reader sees the AI output in this arm. */
	ai: z.boolean()
});

const siteSchema = z.strictObject({
	code: identifier,
	name: text(NAME_MAX),
	expected_readers: z.int().min(0).max(1000)
});

const designSchema = z.strictObject({
	type: z.enum(DESIGNS),
	/** Days between a reader's last period-1 read and their first period-2 read (DES-3). */
	washout_days: z.number().min(0).max(365).default(0),
	/** Permuted-block size for AB/BA allocation within a site. */
	sequence_block_size: z.int().min(2).max(20).default(2),
	/** A case stratum (a column of cases.csv) the case blocks are balanced on, besides truth. */
	block_stratum: z.string().max(64).optional(),
	session_max_cases: z.int().min(1).max(1000).optional(),
	split_plot_groups: z.int().min(2).max(100).optional()
});

const endpointSchema = z.strictObject({
	metric: z.enum(METRICS),
	hypothesis: z.enum(HYPOTHESES),
	/** Non-inferiority margin δ on the metric's scale (aided − unaided > −δ). */
	margin: z.number().min(0).max(1).optional(),
	/** The clinical grounds for the margin: required when a margin is declared (checkMarginJustifications). */
	margin_justification: declaredText(2000).optional(),
	/** lroc: the false-positive fraction at which PCL is read (default 0.2, as RJafroc). */
	fpf: z.number().gt(0).max(1).optional(),
	/** One-sided significance level, in the one range of the analysis (stats/hypothesis/alpha.ts). */
	alpha: z
		.number()
		.superRefine((value, context) => {
			const problem = oneSidedAlphaProblem(value);
			if (problem) context.addIssue({ code: 'custom', message: `${problem}, got ${value}` });
		})
		.default(0.025)
});

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

const windowPresetSchema = z.strictObject({
	name: text(64),
	center: z.number().min(-100_000).max(100_000),
	width: z.number().positive().max(200_000)
});

export const protocolSchema = z
	.strictObject({
		slug: identifier,
		title: text(NAME_MAX),
		protocol_version: z.union([text(VERSION_MAX), z.number().transform(String)]),
		description: z.string().max(10_000).optional(),
		/** A demo study may be filled with simulated reads; a real trial never. */
		demo: z.boolean().default(false),
		randomization: z.strictObject({
			seed: z.union([text(128), z.int().transform(String)])
		}),
		design: designSchema,
		arms: z.array(armSchema).length(2, 'exactly two arms: one without the AI, one with it'),
		sites: z.array(siteSchema).min(1).max(100),
		rating: z.strictObject({
			/**
			 * roc: a decision and a confidence per case. froc: any number of marks, each with its own
			 * rating on the confidence scale (no mark: "no lesion"). lroc: a case rating and one mark
			 * on the most suspicious place. froc and lroc always ask for marks.
			 */
			task: z.enum(RATING_TASKS).default('roc'),
			/** What a reader draws as a mark: a point, or a box (needed where matching is by IoU). */
			mark_shape: z.enum(['point', 'box']).default('point'),
			decision: z.literal('binary'),
			confidence: z.enum(['percent', 'five-point']),
			lesion_marks: z.boolean().default(false),
			/**
			 * Each ellipse or rectangle ROI the reader measures also counts as a lesion mark (its
			 * centre and extent, with a confidence asked as a mark's) for a lesion-level analysis.
			 */
			measurement_marks: z.boolean().default(false),
			/**
			 * The readers measure each lesion's longest diameter with the length tool; the report
			 * compares the measurements with the truth's lesion_size_mm and between readers
			 * (Bland–Altman, ICC). Demo studies' simulated readers then measure too.
			 */
			measure_lesion_size: z.boolean().optional(),
			comment: z.boolean().default(true),
			/** Before a read is sent, the workstation shows the answer to confirm, with a way back. */
			confirm_submit: z.boolean().default(false)
		}),
		reading: z
			.strictObject({
				idle_pause_seconds: z.int().min(10).max(3600).default(120),
				window_presets: z.array(windowPresetSchema).max(20).default([]),
				/**
				 * Reading starts once the case set is frozen (CAS-5). `true` lets readers read an
				 * unfrozen case set; each read made so is marked in the audit trail.
				 */
				before_freeze: z.boolean().default(false)
			})
			.prefault({}),
		/** Which images go in which viewport, per kind of case (hanging-protocol.schema.ts). */
		hanging_protocols: hangingProtocolsSchema.optional(),
		endpoints: z.strictObject({
			primary: z.array(endpointSchema).min(1, 'declare at least one primary endpoint').max(10),
			secondary: z.array(endpointSchema).max(20).default([])
		}),
		ai_model: z.strictObject({
			name: text(NAME_MAX),
			version: z.union([text(VERSION_MAX), z.number().transform(String)]),
			/** How a case the AI could not process counts (AI-3): it is never dropped. */
			on_failure: z.enum(['negative', 'positive']).default('negative'),
			/** The release date of this version of the tool under verification (YYYY-MM-DD). */
			release_date: isoDate.optional(),
			// --- AI robustness (tandem model robustness) ---
			robustness: robustnessSchema.optional(),
			/**
			 * Clinical operating points reported besides the model's default threshold: the target
			 * sensitivity of a high-sensitivity point and the target specificity of a
			 * high-specificity point (the threshold chosen on the ROC, see stats/single-reader/operating-point.ts).
			 */
			operating_points: z
				.strictObject({
					high_sensitivity: z.number().gt(0).max(1).optional(),
					high_specificity: z.number().gt(0).max(1).optional()
				})
				.optional()
		}),
		cases: z.strictObject({
			file: text(FILE_MAX).default('cases.csv'),
			strata: z.array(text(64)).max(20).default([]),
			/**
			 * Where the images come from: `folder` — the image folders are part of the protocol
			 * folder, loaded with it; `import` — `tandem cases import` de-identifies them from a
			 * folder or a PACS into the image folders (CAS-2), and `study load` leaves them alone.
			 */
			images_from: z.enum(['folder', 'import']).default('folder')
		}),
		truth: z.strictObject({
			file: text(FILE_MAX).default('truth.csv'),
			/**
			 * The truth lesions (case_id, lesion_id, image, geometry, weight, attributes): required
			 * for a froc or lroc task, optional otherwise.
			 */
			lesions: text(FILE_MAX).optional(),
			source: text(500)
		}),
		/**
		 * The reference standard made in Tandem by expert consensus (issue 19): `annotators`
		 * independent, blinded annotators per case (each with at least `min_years` of experience), a
		 * case agreed when every annotator gives the same class and the lesions match one-to-one
		 * (IoU ≥ `iou_threshold`, point lesions within `point_acceptance_mm`), else decided by an
		 * adjudicator (≥ `adjudicator_min_years`); a QC sample of at least `qc_fraction` of the cases
		 * re-checked before the freeze; an annotator whose kappa against the adjudicator on it is
		 * below `kappa_threshold` is flagged. With it, truth.csv may be absent.
		 */
		reference_standard: z
			.strictObject({
				annotators: z.int().min(2).max(10).default(2),
				min_years: z.int().min(0).max(70).default(3),
				adjudicator_min_years: z.int().min(0).max(70).default(10),
				kappa_threshold: z.number().min(-1).max(1).default(0.8),
				iou_threshold: z.number().gt(0).max(1).default(0.5),
				point_acceptance_mm: z.number().positive().max(500).default(10),
				qc_fraction: z
					.number()
					.min(0.1, 'the QC sample is at least 10 % of the cases')
					.max(1)
					.default(0.1),
				/** The attributes an annotator gives each lesion (size_mm from the length tool). */
				lesion_attributes: z
					.array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case snake_case names'))
					.max(20)
					.default(['type', 'size_mm'])
			})
			.optional(),
		/**
		 * The rule that makes each mark a lesion localisation (LL) or a non-lesion localisation
		 * (NL): within acceptance_mm of the lesion (distance), inside its outline (inside), or a
		 * box overlapping the lesion's box by at least `iou`.
		 */
		matching: z
			.strictObject({
				criterion: z.enum(MATCH_CRITERIA).default('distance'),
				acceptance_mm: z.number().positive().max(500).default(10),
				iou: z.number().positive().max(1).default(0.5)
			})
			.prefault({}),
		/** Who verifies, under what terms, and what the report must declare (verificationSchema). */
		verification: verificationSchema.optional()
	})
	.superRefine(checkProtocolRules);

export type Protocol = z.output<typeof protocolSchema>;
export type Endpoint = z.output<typeof endpointSchema>;
export type Arm = z.output<typeof armSchema>;
export type ReferenceStandardSettings = NonNullable<Protocol['reference_standard']>;

type RefinementContext = z.core.$RefinementCtx<z.output<z.ZodObject>>;

/** Rules that span several fields. */
function checkProtocolRules(protocol: Record<string, unknown>, ctx: RefinementContext): void {
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
