import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { principalOf, serve } from '$lib/server/access/web';
import { attempt, formAction } from '$lib/server/access/form-action';
import { analysisPage } from '$lib/server/analysis/analysis-page.service';
import { createAppExport } from '$lib/server/analysis/analysis-pipeline.service';
import { lockStudy } from '$lib/server/export/lock.service';
import { registerResults, releaseKey } from '$lib/server/export/unblinding.service';
import { signOffReport } from '$lib/server/verification-report/report-sign-off.service';
import {
	anomalyList,
	classifyAnomaly
} from '$lib/server/verification-report/anomaly-classification.service';
import { signatureFields, signed } from '$lib/server/signatures/signature-form';
import { m } from '$lib/paraglide/messages';
import { figureLabels } from '$lib/i18n/figure-labels';
import { lesionFigureLabels } from '$lib/i18n/lesion-figure-labels';

// Lock → blind export → committed results → released key, and the analysis on the export.
// Every step is the service's, with its own access check; the page only shows what it returns.
// Lock, key release and report sign-off carry the signer's electronic signature.
export const load: PageServerLoad = async (event) =>
	await serve(async () => {
		const page = await analysisPage(
			getDatabase(),
			principalOf(event),
			event.params.slug,
			figureLabels(),
			lesionFigureLabels()
		);
		const anomalies = page.pipeline.can.classifyAnomalies
			? await anomalyList(getDatabase(), principalOf(event), event.params.slug)
			: null;
		return { ...page, anomalies };
	});

// Lock and key release cannot be undone: the form carries an explicit confirmation naming the study.
const lockForm = z.object({
	reason: z.string().trim().min(1, 'reason: a lock needs a reason').max(500),
	confirm: z.literal('yes', { error: () => m.an_lock_confirm_required() }),
	...signatureFields
});
const registerForm = z.object({
	export: z.coerce.number().int().positive(),
	sha256: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[0-9a-f]{64}$/)
});
const releaseForm = z.object({
	export: z.coerce.number({ error: 'export: which export' }).int().positive(),
	confirm: z.literal('yes', { error: () => m.an_release_confirm_required() }),
	...signatureFields
});
const signOffForm = z.object(signatureFields);
const anomalyForm = z.object({
	job: z.coerce.number().int().positive(),
	cause: z.enum(['software-defect', 'external']),
	// An empty note is the service's to refuse, after its access check.
	note: z.string().trim().max(2000)
});
const done = { ok: true };

export const actions: Actions = {
	lock: formAction(lockForm, async ({ reason, confirm: _confirmed, ...signature }, event) => {
		await signed(() =>
			lockStudy(getDatabase(), principalOf(event), event.params.slug, reason, signature, {
				address: event.getClientAddress()
			})
		);
		return done;
	}),
	export: (event) =>
		attempt(async () => {
			await createAppExport(getDatabase(), principalOf(event), event.params.slug);
			return done;
		}),
	register: formAction(
		registerForm,
		async (form, event) => {
			await registerResults(
				getDatabase(),
				principalOf(event),
				event.params.slug,
				form.export,
				form.sha256
			);
			return done;
		},
		{ invalid: () => 'sha256: 64 hexadecimal characters' }
	),
	release: formAction(
		releaseForm,
		async ({ export: exportId, confirm: _confirmed, ...signature }, event) => {
			await signed(() =>
				releaseKey(getDatabase(), principalOf(event), event.params.slug, exportId, signature, {
					address: event.getClientAddress()
				})
			);
			return done;
		}
	),
	classifyAnomaly: formAction(anomalyForm, async (form, event) => {
		await classifyAnomaly(getDatabase(), principalOf(event), event.params.slug, form);
		return done;
	}),
	signOff: formAction(signOffForm, async (signature, event) => {
		await signed(() =>
			signOffReport(getDatabase(), principalOf(event), event.params.slug, signature, {
				address: event.getClientAddress()
			})
		);
		return done;
	})
};
