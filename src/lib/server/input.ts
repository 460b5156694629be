// A service's input read with its zod schema: the first problem becomes an InputError naming the
// field ("reason: Too big: …"), which routes show beside the field and the CLI prints.
import type { z } from 'zod';
import { InputError } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const field = issue.path.join('.');
	throw new InputError(`${field || 'input'}: ${issue.message}`, field || undefined);
}
