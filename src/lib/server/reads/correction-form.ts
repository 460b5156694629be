// The correction form's action, shared by the reader's and the coordinator's pages: the posted
// fields read with zod (messages in the request's language), the correction filed by the service,
// then back to the list the form came from.
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '../db/client';
import { primeReadHeaders } from '../images/image-headers';
import { imageStore } from '../images/image-stores';
import { principalOf } from '../access/web';
import { formAction } from '../access/form-action';
import { InputError } from '../errors';
import { correctRead, type CorrectedRead } from './correction.service';
import { TEXT_MAX } from '../../domain/free-text';
import { m } from '../../paraglide/messages';

const fields = z.looseObject({
	read: z.string().regex(/^[1-9]\d{0,14}$/, { error: () => m.correction_which_read() }),
	study: z.string().max(TEXT_MAX.code).optional(),
	decision: z.enum(['0', '1'], { error: () => m.correction_choose_decision() }),
	confidence: z.string().regex(/^\d{1,3}$/, { error: () => m.correction_choose_confidence() }),
	comment: z.string().max(2000).optional(),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.correction_reason_required() })
		.max(TEXT_MAX.reason, { error: () => m.correction_reason_too_long({ max: TEXT_MAX.reason }) })
});

type Fields = z.output<typeof fields>;

/** The marks kept: each ticked `mark-<n>` checkbox carries its mark as JSON (the service checks them). */
function keptMarks(form: Fields): unknown[] {
	return Object.entries(form)
		.filter(([name]) => /^mark-\d+$/.test(name))
		.map(([name, value]) => {
			try {
				return JSON.parse(String(value)) as unknown;
			} catch {
				throw new InputError(`${name}: not a mark`, 'marks');
			}
		});
}

/** The measurements kept: each ticked `measurement-<n>` checkbox carries one as JSON (checked by the service). */
function keptMeasurements(form: Fields): unknown[] {
	return Object.entries(form)
		.filter(([name]) => /^measurement-\d+$/.test(name))
		.map(([name, value]) => {
			try {
				return JSON.parse(String(value)) as unknown;
			} catch {
				throw new InputError(`${name}: not a measurement`, 'measurements');
			}
		});
}

/** POST ?/correct: files the correction, then redirects to `back(form, result)`. */
export function correctionAction(back: (form: Fields, result: CorrectedRead) => string) {
	return formAction(
		fields,
		async (form, event: Parameters<typeof principalOf>[0]) => {
			const principal = principalOf(event);
			// The marks are checked against the images' headers: read them first from a remote store.
			await primeReadHeaders(getDatabase(), imageStore(), Number(form.read));
			const result = await correctRead(getDatabase(), principal, {
				read: Number(form.read),
				decision: form.decision === '1' ? 1 : 0,
				confidence: Number(form.confidence),
				marks: keptMarks(form) as never,
				measurements: keptMeasurements(form) as never,
				comment: form.comment,
				reason: form.reason
			});
			redirect(303, back(form, result));
		},
		{
			echo: (form) => ({
				decision: String(form.decision ?? ''),
				confidence: String(form.confidence ?? ''),
				comment: String(form.comment ?? ''),
				reason: String(form.reason ?? '')
			})
		}
	);
}
