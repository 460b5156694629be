// The model manifest (model.json): what an ONNX model expects as input, which outputs hold the
// score and the heatmap, and the decision threshold. Used by the inference worker and by
// `tandem model add --manifest model.json`. Unknown keys are refused, so a misspelt field
// ("treshold") is an error instead of a silently ignored setting.
import { z } from 'zod';

export interface ModelManifest {
	name: string;
	version: string;
	description: string;
	/** detection = a score plus a heatmap (from which the worker derives a box). */
	task: 'classification' | 'detection';
	input: {
		/** Name of the ONNX input tensor, shape [1, 1, height, width] (NCHW, float32). */
		name: string;
		width: number;
		height: number;
		layout: 'NCHW';
		/** Applied to HU (after RescaleSlope/RescaleIntercept): [center − width/2, center + width/2]. */
		window: { center: number; width: number };
		/** Windowed values are mapped linearly onto [min, max]. */
		normalisation: { min: number; max: number };
		/**
		 * How a case with several images is handled. 'each': every image is run through the model
		 * on its own; the case score is the highest image score, and the heatmap and box come from
		 * that image. 'max-intensity': the preprocessed images are combined pixel by pixel by their
		 * maximum (a maximum-intensity projection) and the model runs once on the projection.
		 */
		slices: 'max-intensity' | 'each';
	};
	/** Names of the ONNX outputs: score (one value in 0…1), heatmap ([1, 1, h, w], values in 0…1). */
	outputs: { score: string; heatmap?: string };
	/** Decision threshold on the score: score ≥ threshold is a positive call. */
	threshold: number;
	/**
	 * Detection only: report several candidates per image instead of the top one alone — every
	 * local maximum of an image's heatmap at or above the threshold, at most `perImage` per image,
	 * each scored by its heatmap value (so the heatmap must be on the score's scale), besides the
	 * case's top candidate, which is always reported. Absent: the top candidate only.
	 */
	candidates?: { perImage: number };
	demo?: boolean;
}

/** zod's error option: "is required" when the field is missing, `message` when it has the wrong type. */
const expected = (message: string) => ({
	error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message)
});

const text = (maximum: number) =>
	z
		.string(expected('must be a string'))
		.trim()
		.min(1, { error: 'must not be empty' })
		.max(maximum, { error: `must be at most ${maximum} characters` });

const finite = z
	.number(expected('must be a number'))
	.refine(Number.isFinite, { error: 'must be finite' });
const pixels = z
	.number(expected('must be a number'))
	.int({ error: 'must be a whole number of pixels' })
	.min(1, { error: 'must be at least 1' })
	.max(4096, { error: 'must be at most 4096' });

const inputSchema = z.strictObject({
	name: text(200),
	width: pixels,
	height: pixels,
	layout: z.literal('NCHW', expected('must be "NCHW"')),
	window: z.strictObject({
		center: finite,
		width: finite.refine((value) => value > 0, { error: 'must be greater than 0' })
	}),
	normalisation: z
		.strictObject({ min: finite, max: finite })
		.refine((range) => range.min < range.max, {
			error: 'min must be less than max',
			path: ['max']
		}),
	slices: z.enum(['max-intensity', 'each'], expected('must be "max-intensity" or "each"'))
});

const baseSchema = z.strictObject(
	{
		name: text(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
			error: 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"'
		}),
		version: text(50),
		description: text(2000),
		task: z.enum(
			['classification', 'detection'],
			expected('must be "classification" or "detection"')
		),
		input: inputSchema,
		outputs: z.strictObject({ score: text(200), heatmap: text(200).optional() }),
		threshold: finite.refine((value) => value >= 0 && value <= 1, {
			error: 'must be between 0 and 1'
		}),
		candidates: z
			.strictObject(
				{
					perImage: z
						.number(expected('must be a number'))
						.int({ error: 'must be a whole number' })
						.min(1, { error: 'must be at least 1' })
						.max(20, { error: 'must be at most 20' })
				},
				expected('must be a JSON object')
			)
			.optional(),
		demo: z.boolean(expected('must be true or false')).optional()
	},
	expected('must be a JSON object')
);

export const modelManifestSchema: z.ZodType<ModelManifest> = baseSchema.superRefine(
	(manifest, context) => {
		if (manifest.task === 'detection' && manifest.outputs.heatmap === undefined) {
			context.addIssue({
				code: 'custom',
				path: ['outputs', 'heatmap'],
				message: 'is required when task is "detection"'
			});
		}
		if (manifest.candidates !== undefined && manifest.task !== 'detection') {
			context.addIssue({
				code: 'custom',
				path: ['candidates'],
				message: 'is allowed only when task is "detection"'
			});
		}
		if (
			manifest.outputs.heatmap !== undefined &&
			manifest.outputs.heatmap === manifest.outputs.score
		) {
			context.addIssue({
				code: 'custom',
				path: ['outputs', 'heatmap'],
				message: 'must differ from outputs.score'
			});
		}
	}
);

/** "input.window.width: must be greater than 0" — one line per problem, each naming its field. */
export function describeManifestIssues(error: z.ZodError): string {
	const field = (path: ReadonlyArray<PropertyKey>): string =>
		path.map(String).join('.') || '(manifest)';
	return error.issues
		.flatMap((issue) =>
			issue.code === 'unrecognized_keys'
				? issue.keys.map((key) => `${field([...issue.path, key])}: unknown field`)
				: [`${field(issue.path)}: ${issue.message}`]
		)
		.join('\n');
}

/** Validates a parsed model.json; throws an Error listing every problem by field. */
export function parseModelManifest(value: unknown, source = 'model manifest'): ModelManifest {
	const result = modelManifestSchema.safeParse(value);
	if (!result.success)
		throw new Error(`${source} is invalid:\n${describeManifestIssues(result.error)}`);
	return result.data;
}
