// Web glue for the forms that carry an electronic signature (lock, key release, report sign-off):
// the signature's fields with messages in the request's language, the client address for the login
// throttle, and a refused signature told in the request's language too.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { SIGNATURE_MEANINGS, SIGNATURE_PASSWORD_MAX } from '../../domain/signature';
import { SignatureRefused, SignatureThrottled, WRONG_PASSWORD } from './signature.service';

/** The signature fields of a form (`password`, `meaning`), to extend a form's schema with. */
export const signatureFields = {
	password: z
		.string({ error: () => m.sig_enter_password() })
		.min(1, { error: () => m.sig_enter_password() })
		.max(SIGNATURE_PASSWORD_MAX),
	meaning: z.enum(SIGNATURE_MEANINGS, { error: () => m.sig_choose_meaning_error() })
};

/** Runs a signed act; a refused signature's message is put in the request's language. */
export async function signed<R>(call: () => R | Promise<R>): Promise<R> {
	try {
		return await call();
	} catch (caught) {
		if (caught instanceof SignatureRefused && caught.message === WRONG_PASSWORD)
			caught.message = m.sig_wrong_password();
		else if (caught instanceof SignatureThrottled)
			caught.message = m.sig_throttled({
				minutes: Math.max(1, Math.ceil(caught.retryAfterMs / 60_000))
			});
		throw caught;
	}
}
