import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { principalOf, serve } from '$lib/server/access/web';
import { Conflict, ServiceError } from '$lib/server/errors';
import { analysisPipeline, createAppExport } from '$lib/server/analysis/analysis-pipeline.service';
import { trialAnalysisFor } from '$lib/server/analysis/trial-analysis.service';
import { lockStudy } from '$lib/server/export/lock.service';
import { registerResults, releaseKey } from '$lib/server/export/unblinding.service';
import { readerForest, readingTimeFigure, rocFigure, subgroupForest, primaryResult } from '$lib/report/report-figures';

// Lock → blind export → committed results → released key, and the analysis on the export.
// Every step is the service's, with its own access check; the page only shows what it returns.
export const load: PageServerLoad = (event) =>
	serve(() => {
		const db = getDatabase();
		const principal = principalOf(event);
		const pipeline = analysisPipeline(db, principal, event.params.slug);
		if (!pipeline.can.viewAnalysis) return { pipeline, view: null, figures: null, problem: null };
		let view;
		try {
			view = trialAnalysisFor(db, principal, event.params.slug);
		} catch (error) {
			if (error instanceof Conflict) return { pipeline, view: null, figures: null, problem: error.message };
			throw error;
		}
		const { analysis } = view;
		const primary = primaryResult(analysis);
		const figures = {
			roc: rocFigure(analysis),
			readers: readerForest(analysis, view.unblinded),
			subgroups: primary ? subgroupForest(analysis, primary.endpoint.metric, view.unblinded) : null,
			readingTime: readingTimeFigure(analysis)
		};
		// The page needs the tables, not the raw series behind the figures.
		const slim = {
			...view,
			analysis: { ...analysis, curves: undefined, readingTimes: undefined, endpoints: analysis.endpoints.map((outcome) => ('report' in outcome ? { ...outcome, report: undefined } : outcome)) }
		};
		return { pipeline, view: slim, figures, problem: null };
	});

async function attempt(action: () => unknown) {
	try {
		await action();
		return { ok: true };
	} catch (error) {
		if (error instanceof ServiceError) return fail(error.status, { message: error.message });
		throw error;
	}
}

const lockForm = z.object({ reason: z.string().trim().min(1).max(500) });
const registerForm = z.object({ export: z.coerce.number().int().positive(), sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/) });
const releaseForm = z.object({ export: z.coerce.number().int().positive() });

export const actions: Actions = {
	lock: async (event) => {
		const parsed = lockForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: 'reason: a lock needs a reason' });
		return attempt(() => lockStudy(getDatabase(), principalOf(event), event.params.slug, parsed.data.reason));
	},
	export: async (event) => attempt(() => createAppExport(getDatabase(), principalOf(event), event.params.slug)),
	register: async (event) => {
		const parsed = registerForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: 'sha256: 64 hexadecimal characters' });
		return attempt(() => registerResults(getDatabase(), principalOf(event), event.params.slug, parsed.data.export, parsed.data.sha256));
	},
	release: async (event) => {
		const parsed = releaseForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: 'export: which export' });
		return attempt(() => releaseKey(getDatabase(), principalOf(event), event.params.slug, parsed.data.export));
	}
};
