// Commit, then unblind: only the study's independent evaluator registers the results hash, and the
// key is released only on a registration the evaluator made.
import { describe, expect, it } from 'vitest';
import { registerResults, releaseKey } from './unblinding.service';
import { blindExports } from '../db/schema';
import { addUser } from '../users/user.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { recordAudit, verifyAuditChain } from '../audit/audit.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import type { Db } from '../db/client';
import { SIGNER_PASSWORD, signer } from '$fixtures/signer.fixture';
import { withTransaction } from '../db/transaction';

const KEY = { readers: {}, cases: {}, arms: { 'MOD-AAAAAA': 'aided', 'MOD-BBBBBB': 'unaided' } };

async function person(
	db: Db,
	role: 'statistician' | 'evaluator',
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

/** A study with an admin, a statistician, an evaluator and one (stand-in) blind export. */
async function studyWithExport() {
	const db = await testDatabase();
	const folder = readStudyFolder(makeStudyFolder());
	if (!folder.ok) throw new Error('fixture invalid');
	await loadStudy(db, operatorPrincipal(), folder.folder);
	const exportId = (
		await db
			.insert(blindExports)
			.values({ studyId: 1, manifestSha256: 'f'.repeat(64), codeKeyJson: JSON.stringify(KEY) })
			.returning({ id: blindExports.id })
	)[0]!.id;
	return {
		db,
		exportId,
		admin: await signer(db),
		statistician: await person(db, 'statistician', 'stat@x.org'),
		evaluator: await person(db, 'evaluator', 'eval@x.org')
	};
}

describe('registerResults and releaseKey (issue 14 #2)', () => {
	it('lets only the evaluator register the results hash', async () => {
		const { db, exportId, admin, statistician, evaluator } = await studyWithExport();
		for (const who of [statistician, admin.principal])
			await expect(
				registerResults(db, who, 'mini-study', exportId, 'a'.repeat(64))
			).rejects.toThrow('You do not have access to this.');
		expect((await db.select().from(blindExports).limit(1))[0]!.resultsSha256).toBeNull();
		await registerResults(db, evaluator, 'mini-study', exportId, 'b'.repeat(64));
		expect(await releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature)).toEqual(
			KEY
		);
	});

	it('keeps the key sealed when the registration was not the evaluator’s', async () => {
		const { db, exportId, admin, statistician } = await studyWithExport();
		// A registration made by the statistician, as the service allowed before.
		await withTransaction(db, async (tx) => {
			await tx
				.update(blindExports)
				.set({ resultsSha256: 'c'.repeat(64), resultsRegisteredAt: new Date() });
			await recordAudit(tx, statistician, {
				action: 'export.results_registered',
				entityType: 'blind_export',
				entityId: exportId,
				studyId: 1,
				after: { resultsSha256: 'c'.repeat(64) }
			});
		});
		await expect(
			releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature)
		).rejects.toThrow(/registered by user:\d+ <stat@x.org>, who is not the study's evaluator/);
		expect((await db.select().from(blindExports).limit(1))[0]!.keyReleasedAt).toBeNull();
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('accepts the operator recording the evaluator’s hash at the server (tandem export register-results)', async () => {
		const { db, exportId, admin } = await studyWithExport();
		await registerResults(db, operatorPrincipal(), 'mini-study', exportId, 'd'.repeat(64));
		expect(
			await releaseKey(db, admin.principal, 'mini-study', exportId, {
				password: SIGNER_PASSWORD,
				meaning: 'responsible'
			})
		).toEqual(KEY);
	});
});
