// The study protocol (studies/<slug>/study.yaml), validated before anything is stored.
// Keys are snake_case as written in the file, so an error path is the path a person edits.
// Requirements: DES-1..4 (design, randomization, washout, endpoints), CAS-1 (strata).
import { z } from 'zod';
import { oneSidedAlphaProblem } from '../../stats/hypothesis/alpha';
import { hangingProtocolsSchema } from './hanging-protocol.schema';
import { robustnessSchema } from './robustness.schema';
import { declaredText, isoDate, verificationSchema } from './verification.schema';
import { NAME_MAX, text } from './schema-text';
import { DESIGNS, HYPOTHESES, MATCH_CRITERIA, METRICS, RATING_TASKS } from './protocol-vocabulary';
import { checkProtocolRules } from './protocol-rules';

export * from './protocol-vocabulary';
export { asksForMarks, hasTruthLesions, lesionTaskOf, protocolWarnings } from './protocol-rules';

const VERSION_MAX = 64;
const FILE_MAX = 255;

const identifier = z
	.string()
	.max(64)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens (e.g. "site-a")');

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
