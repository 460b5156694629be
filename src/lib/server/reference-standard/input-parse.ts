// Zod at the reference-standard services' boundary: the first problem as an InputError naming
// the field ("annotation: lesions.0.region.radiusMm: …").
import type { z } from 'zod';
import { InputError } from '../errors';

export function parseWith<S extends z.ZodType>(
	schema: S,
	input: unknown,
	what: string
): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const field = issue.path.map(String).join('.');
	throw new InputError(`${what}: ${field ? `${field}: ` : ''}${issue.message}`, field || what);
}
