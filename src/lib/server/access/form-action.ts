// Glue between SvelteKit form actions and services: the form read with a zod schema (an invalid
// form is a fail(400) naming the field), and a service's deliberate errors turned into fail().
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { ServiceError } from '../errors';
import { noteRefusal } from './web';

type Values = Record<string, unknown>;
type RawForm = Record<string, FormDataEntryValue>;

/** What a failed action sends back: the echoed values, the message and, for an invalid form, the field. */
export type FormFailure<Echo extends Values = Values> = ActionFailure<
	Echo & { message: string; field?: string }
>;

export interface FormOptions<Echo extends Values> {
	/** Values sent back with every failure (which form it was, what the user typed). */
	echo?: Echo | ((form: RawForm) => Echo);
	/** The message for an invalid form; by default the first issue's. A function, so it is worded in the request's language. */
	invalid?: () => string;
}

/** Runs a service call (awaited); its deliberate errors become fail(status, { ...echo, message }). */
export async function attempt<R, Echo extends Values = Values>(
	call: () => R | Promise<R>,
	echo?: Echo
): Promise<R | FormFailure<Echo>> {
	try {
		return await call();
	} catch (caught) {
		if (caught instanceof ServiceError) {
			noteRefusal(caught);
			return fail(caught.status, { ...(echo as Echo), message: caught.message });
		}
		throw caught;
	}
}

/** The form's fields parsed with `schema`, or the fail(400) to return, naming the first field at fault. */
export async function parseForm<S extends z.ZodType, Echo extends Values = Values>(
	request: Request,
	schema: S,
	options: FormOptions<Echo> = {}
): Promise<
	{ ok: true; data: z.output<S>; echo: Echo } | { ok: false; failure: FormFailure<Echo> }
> {
	const form = Object.fromEntries(await request.formData());
	const echo = (
		typeof options.echo === 'function' ? options.echo(form) : (options.echo ?? {})
	) as Echo;
	const parsed = schema.safeParse(form);
	if (parsed.success) return { ok: true, data: parsed.data, echo };
	const [issue] = parsed.error.issues; // zod reports at least one
	const field = issue?.path.join('.') || undefined;
	const message = options.invalid?.() ?? issue?.message ?? 'The form is invalid.';
	return { ok: false, failure: fail(400, { ...echo, message, ...(field ? { field } : {}) }) };
}

/**
 * A form action: the form parsed with `schema`, then `run` with the parsed fields. An invalid form
 * is a fail(400) naming the field; a service's deliberate error is a fail() with its status.
 */
export function formAction<
	S extends z.ZodType,
	E extends { request: Request },
	R,
	Echo extends Values = Values
>(
	schema: S,
	run: (input: z.output<S>, event: E) => R | Promise<R>,
	options: FormOptions<Echo> = {}
): (event: E) => Promise<R | FormFailure<Echo>> {
	return async (event) => {
		const form = await parseForm(event.request, schema, options);
		if (!form.ok) return form.failure;
		return attempt(async () => await run(form.data, event), form.echo);
	};
}
