// The protocol's optional `ai_model.robustness` block (tandem model robustness).
import { z } from 'zod';
import { PERTURBATION_KINDS, PERTURBATION_LEVEL_RANGES } from '../../imaging/perturbation';

/**
 * The AI robustness check's declared perturbations (`tandem model robustness`): each kind with
 * its levels (noise: σ as a share of the pixel range; window: relative contrast change; resample:
 * down-sampling factor; rotate: degrees), the tolerance on the relative change of AUC,
 * sensitivity and specificity, and the noise seed. Absent: the defaults of the command.
 */
export const robustnessSchema = z.strictObject({
	perturbations: z
		.array(
			z.strictObject({
				kind: z.enum(PERTURBATION_KINDS),
				levels: z.array(z.number()).min(1).max(10)
			})
		)
		.min(1)
		.max(PERTURBATION_KINDS.length)
		.superRefine((list, context) => {
			list.forEach((entry, index) => {
				const range = PERTURBATION_LEVEL_RANGES[entry.kind];
				entry.levels.forEach((level, at) => {
					if (level < range.min || level > range.max)
						context.addIssue({
							code: 'custom',
							path: [index, 'levels', at],
							message: `a ${entry.kind} level must be between ${range.min} and ${range.max}`
						});
				});
				if (list.findIndex((other) => other.kind === entry.kind) !== index)
					context.addIssue({
						code: 'custom',
						path: [index, 'kind'],
						message: `${entry.kind} is declared twice`
					});
			});
		})
		.optional(),
	tolerance: z.number().gt(0).max(1).default(0.1),
	seed: z
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1)
		.default(20261206)
});
