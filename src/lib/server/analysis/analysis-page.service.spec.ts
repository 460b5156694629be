import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysisPage } from './analysis-page.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { AccessDenied } from '../errors';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { signer } from '$fixtures/signer.fixture';

describe('analysisPage', () => {
	it('shows the pipeline until the analysis may be seen, then its tables and drawn figures without the series behind them', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
		const { userId } = await addUser(db, operatorPrincipal(), {
			email: 't@x.org',
			name: 'statistician',
			role: 'statistician',
			study: 'mini-study',
			password: 'long enough password'
		});
		const statistician: UserPrincipal = {
			kind: 'user',
			userId,
			email: 't@x.org',
			name: 'statistician'
		};
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 3,
			start: new Date('2026-01-05T09:00:00Z')
		});

		await expect(analysisPage(db, readers[0]!, 'mini-study')).rejects.toThrow(AccessDenied);
		const before = await analysisPage(db, statistician, 'mini-study');
		expect(before).toMatchObject({ view: null, figures: null, problem: null });
		expect(before.pipeline.can.viewAnalysis).toBe(false);

		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		await exportBlind(
			db,
			statistician,
			'mini-study',
			join(mkdtempSync(join(tmpdir(), 'tandem-analysis-page-')), 'export')
		);
		const page = await analysisPage(db, statistician, 'mini-study');
		expect(page.problem).toBeNull();
		expect(page.figures?.roc).toMatch(/^<svg/);
		expect(page.view?.unblinded).toBe(false);
		expect(page.view?.analysis).toMatchObject({ curves: undefined, readingTimes: undefined });
		expect(page.view?.analysis.endpoints.length).toBeGreaterThan(0);
		expect(
			page.view?.analysis.endpoints.every(
				(outcome) => !('report' in outcome) || outcome.report === undefined
			)
		).toBe(true);
	});
});
