// The in-app analysis: who may see it and when, its blind labels before unblinding, and its
// numbers against `analyzeStudy` run on the exported reads.csv itself.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trialAnalysisFor } from './trial-analysis.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { AccessDenied, Conflict } from '../errors';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { analyzeStudy } from '../../stats/analyze';
import { compareNatural } from '../../stats/natural-order';
import { parseLongCsv } from '../../stats/input/long-csv';
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { Db } from '../db/client';
import { signer } from '$fixtures/signer.fixture';

async function person(
	db: Db,
	role: 'sponsor' | 'statistician' | 'evaluator',
	email: string
): Promise<UserPrincipal> {
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: role,
		role,
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: role };
}

describe('trialAnalysisFor', () => {
	it('is blind before unblinding, reproduces analyze on the export, and opens to the sponsor after unblinding', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
		const [sponsor, statistician, evaluator] = [
			await person(db, 'sponsor', 's@x.org'),
			await person(db, 'statistician', 't@x.org'),
			await person(db, 'evaluator', 'e@x.org')
		];
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 3,
			start: new Date('2026-01-05T09:00:00Z')
		});

		await expect(trialAnalysisFor(db, statistician, 'mini-study')).rejects.toThrow(/not locked/);
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		await expect(trialAnalysisFor(db, statistician, 'mini-study')).rejects.toThrow(Conflict);
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-analysis-')), 'export');
		await exportBlind(db, statistician, 'mini-study', out);

		// Readers and the sponsor (before unblinding) are refused.
		await expect(trialAnalysisFor(db, readers[0]!, 'mini-study')).rejects.toThrow(AccessDenied);
		await expect(trialAnalysisFor(db, sponsor, 'mini-study')).rejects.toThrow(
			/once the study is unblinded/
		);

		const blind = await trialAnalysisFor(db, evaluator, 'mini-study');
		expect(blind.unblinded).toBe(false);
		expect(blind.reproduce).toBeNull();
		expect(blind.arms.test).toMatch(/^MOD-[0-9A-F]{6}$/);
		expect(compareNatural(blind.arms.reference, blind.arms.test)).toBeLessThan(0);
		expect(blind.analysis.design.readers.every((reader) => /^RDR-/.test(reader))).toBe(true);
		expect(blind.analysis.agreement.every((row) => row.meanCohenWithAi === null)).toBe(true);
		// No arm is called aided while the key is sealed, not even by analyze's naming convention.
		expect((blind.analysis.endpoints[0] as EndpointResult).report.hypothesis).toMatchObject({
			aided: undefined,
			unaided: undefined,
			note: expect.stringMatching(/^blind:/)
		});
		expect(JSON.stringify(blind)).not.toMatch(
			/:"(unaided|aided|Reader alone|Reader with AI|R0\d|K\d+)"/
		);

		// The analysis reads exactly the exported reads.csv.
		const exported = readFileSync(join(out, 'reads.csv'), 'utf8');
		const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
		expect(blind.export.readsSha256).toBe(
			createHash('sha256')
				.update(readFileSync(join(out, 'reads.csv')))
				.digest('hex')
		);
		expect(blind.export.readsSha256).toBe(manifest.files['reads.csv'].sha256);
		const study = parseLongCsv(exported);
		const auc = analyzeStudy(study, { fom: 'auc', covariance: 'jackknife', method: 'or' });
		const primary = blind.analysis.endpoints[0] as EndpointResult;
		expect(primary.rrrc.estimate).toBe(
			auc.or!.rrrc.diffs[0]!.modalityA === blind.arms.test
				? auc.or!.rrrc.diffs[0]!.estimate
				: -auc.or!.rrrc.diffs[0]!.estimate
		);
		expect(primary.rrrc.pTwoSided).toBe(auc.or!.rrrc.diffs[0]!.p);

		// Commit, then unblind: the sponsor may look; labels are real, numbers unchanged.
		await registerResults(db, evaluator, 'mini-study', 1, 'a'.repeat(64));
		const key = await releaseKey(db, admin.principal, 'mini-study', 1, admin.signature);
		const open = await trialAnalysisFor(db, sponsor, 'mini-study');
		expect(open.unblinded).toBe(true);
		expect(open.arms).toEqual({ test: 'Reader with AI', reference: 'Reader alone' });
		expect(open.reproduce).toEqual({
			aided: Object.entries(key.arms).find(([, arm]) => arm === 'aided')![0],
			unaided: Object.entries(key.arms).find(([, arm]) => arm === 'unaided')![0]
		});
		expect(open.analysis.design.readers).toEqual(['R01', 'R02', 'R03', 'R04']);
		const aided = analyzeStudy(study, {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or',
			aided: open.reproduce!.aided,
			unaided: open.reproduce!.unaided,
			margin: 0.05
		});
		const unblindedPrimary = open.analysis.endpoints.filter(isEndpointResult)[0]!;
		expect(unblindedPrimary.test).toEqual({ ...aided.hypothesis.tests[0] });
		expect(unblindedPrimary.arms.map((row) => row.arm).sort()).toEqual([
			'Reader alone',
			'Reader with AI'
		]);
		expect(
			open.analysis.agreement.some((row) => row.meanCohenWithAi !== null) || open.ai === null
		).toBe(true);
	}, 60_000);
});
