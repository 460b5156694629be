// Electronic signatures (21 CFR 11.50, 11.70; issue 14): locking the database, releasing the key
// and freezing the case set are refused without a valid signature — no password, a wrong one, or
// no named person — and then nothing changes; a wrong password is recorded as a refused privileged
// action and counted by the login throttle. A valid signature is stored with the printed name, the
// role, the meaning, the UTC time and the SHA-256 of the signed record, with its audit row in the
// act's transaction.
import { sqlRow, sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { lockStudy, studyFingerprint } from '../export/lock.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { datasetFingerprint, freezeDataset } from '../cases/dataset-freeze.service';
import { attemptLogin } from '../auth/login.service';
import { THROTTLE_POLICY } from '../auth/login-throttle';
import { blindExports } from '../db/schema';
import { operatorPrincipal, type Principal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import {
	signaturesOf,
	signRecord,
	SignatureRefused,
	SignatureThrottled,
	WRONG_PASSWORD,
	type Signer
} from './signature.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { studyFolderOf } from '$fixtures/case-import.fixture';
import { signer, SIGNER_PASSWORD } from '$fixtures/signer.fixture';
import { loadStudy } from '../studies/study-load.service';
import type { Db } from '../db/client';
import { transactionsSettled } from '../db/transaction';

/** The mini study with an admin who signs, and what the tables hold now. */
async function signedStudy() {
	const db = await testDatabase();
	const { studyId } = await loadStudy(db, operatorPrincipal(), studyFolderOf(makeStudyFolder()));
	const admin = await signer(db, { name: 'Ada Lovelace', email: 'ada@x.org' });
	return { db, studyId, admin };
}

const count = async (db: Db, table: string) =>
	((await sqlRow(db, `SELECT count(*) AS n FROM ${table}`)) as { n: number }).n;

async function refusals(db: Db) {
	await transactionsSettled(db); // a refusal is recorded once its refused transaction is over
	return (await sqlRows(
		db,
		`SELECT actor, entity_type AS "entityType", after_json AS after, reason FROM audit_events WHERE action = 'access.refused' ORDER BY seq`
	)) as Array<{ actor: string; entityType: string; after: string; reason: string }>;
}

/** Everything a refused act must leave as it was. */
const state = async (db: Db) => ({
	locks: await count(db, 'study_locks'),
	versions: await count(db, 'dataset_versions'),
	signatures: await count(db, 'signatures'),
	released: await db.select({ at: blindExports.keyReleasedAt }).from(blindExports),
	unblinded: await sqlRows(db, 'SELECT unblinded_at AS at FROM studies'),
	signedAudit: await sqlRow(
		db,
		"SELECT count(*) AS n FROM audit_events WHERE action LIKE 'signature.%'"
	)
});

/** A stand-in blind export whose results the evaluator has registered. */
async function registeredExport(db: Db): Promise<number> {
	const exportId = (
		await db
			.insert(blindExports)
			.values({ studyId: 1, manifestSha256: 'f'.repeat(64), codeKeyJson: '{"arms":{}}' })
			.returning({ id: blindExports.id })
	)[0]!.id;
	const evaluator = await signer(db, { role: 'evaluator', email: 'eve@x.org' });
	await registerResults(db, evaluator.principal, 'mini-study', exportId, 'e'.repeat(64));
	return exportId;
}

describe('acts that need a signature', () => {
	it('are refused without a password, with a wrong one, or for the CLI operator — and nothing changes', async () => {
		const { db, admin } = await signedStudy();
		const exportId = await registeredExport(db);
		const before = await state(db);
		const acts = {
			lock: (who: Principal = admin.principal, signature = admin.signature) =>
				lockStudy(db, who, 'mini-study', 'all reads in', signature),
			release: (who: Principal = admin.principal, signature = admin.signature) =>
				releaseKey(db, who, 'mini-study', exportId, signature),
			freeze: (who: Principal = admin.principal, signature = admin.signature) =>
				freezeDataset(db, who, 'mini-study', signature, { acceptWarnings: true })
		};
		for (const [name, act] of Object.entries(acts)) {
			await expect(
				act(admin.principal, { password: '', meaning: 'approved' }),
				name
			).rejects.toMatchObject({
				status: 400,
				field: 'password',
				message: 'password: re-enter your password to sign'
			});
			await expect(
				act(admin.principal, { password: SIGNER_PASSWORD, meaning: 'liked' as never }),
				name
			).rejects.toThrow(/^meaning: choose what the signature means/);
			await expect(
				act(admin.principal, { password: 'not my password', meaning: 'approved' }),
				name
			).rejects.toThrow(new SignatureRefused(WRONG_PASSWORD));
			await expect(act(operatorPrincipal()), name).rejects.toThrow(
				/must be a named person’s: sign in, or at the shell give --as EMAIL/
			);
		}
		expect(await state(db)).toEqual(before);

		// Each wrong password is a refused privileged action in the audit, naming the act.
		const wrong = (await refusals(db)).map((row) => ({ ...row, after: JSON.parse(row.after) }));
		expect(wrong.map((row) => row.after.attempted)).toEqual([
			'study.lock',
			'export.release_key',
			'dataset.freeze'
		]);
		expect(wrong[0]).toMatchObject({
			actor: `user:${admin.principal.userId} <ada@x.org>`,
			reason: WRONG_PASSWORD,
			after: { status: 403, signature: 'approved', failures: 1 }
		});
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('counts a wrong signature password in the login throttle: enough of them lock signing and login alike', async () => {
		const { db, admin } = await signedStudy();
		const wrong = { password: 'guess', meaning: 'approved' } as const;
		const noWait = { address: '203.0.113.9', sleep: async () => {} };
		for (let attempt = 1; attempt <= THROTTLE_POLICY.maxFailures; attempt++)
			await expect(
				lockStudy(db, admin.principal, 'mini-study', 'reason', wrong, noWait)
			).rejects.toThrow(SignatureRefused);
		// Now even the right password is not checked from this address, and login is locked too.
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'reason', admin.signature, noWait)
		).rejects.toThrow(SignatureThrottled);
		expect(
			await attemptLogin(db, 'ada@x.org', SIGNER_PASSWORD, {
				ip: '203.0.113.9',
				sleep: noWait.sleep
			})
		).toMatchObject({ ok: false, reason: 'locked' });
		expect(await count(db, 'study_locks')).toBe(0);
		expect((await refusals(db)).at(-1)!.reason).toMatch(/^Too many wrong passwords/);
	});
});

describe('a valid signature', () => {
	it('on the lock: stored with printed name, role, meaning, UTC time and the fingerprint, audited with the lock', async () => {
		const { db, studyId, admin } = await signedStudy();
		const fingerprint = await studyFingerprint(db, studyId);
		const result = await lockStudy(db, admin.principal, 'mini-study', 'all reads in', {
			password: SIGNER_PASSWORD,
			meaning: 'responsible'
		});
		expect(result.fingerprint).toBe(fingerprint);
		expect(result.signature).toMatchObject({
			name: 'Ada Lovelace',
			role: 'admin',
			meaning: 'responsible',
			recordType: 'study_lock',
			recordHash: fingerprint
		});
		expect(result.signature.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(await signaturesOf(db, studyId)).toEqual([result.signature]);
		// The audit: the lock, then its signature, one after the other (one transaction).
		const rows = (await sqlRows(
			db,
			`SELECT seq, action, actor, entity_type AS "entityType", after_json AS after FROM audit_events WHERE action IN ('study.locked', 'signature.signed') ORDER BY seq`
		)) as Array<{ seq: number; action: string; actor: string; after: string }>;
		expect(rows.map((row) => row.action)).toEqual(['study.locked', 'signature.signed']);
		expect(rows[1]!.seq).toBe(rows[0]!.seq + 1);
		expect(rows[1]!.actor).toBe(`user:${admin.principal.userId} <ada@x.org>`);
		expect(JSON.parse(rows[1]!.after)).toEqual({
			name: 'Ada Lovelace',
			role: 'admin',
			meaning: 'responsible',
			signedAt: result.signature.signedAt,
			recordType: 'study_lock',
			recordId: result.signature.recordId,
			recordHash: fingerprint
		});
		expect((await verifyAuditChain(db)).ok).toBe(true);
		// The signature cannot be changed or removed, even in the database.
		await expect(sqlRun(db, "UPDATE signatures SET meaning = 'reviewed'")).rejects.toThrow(
			/append-only/
		);
		await expect(sqlRun(db, 'DELETE FROM signatures')).rejects.toThrow(/append-only/);
	});

	it('on the key release is linked to the registered results hash; on a freeze to the dataset fingerprint', async () => {
		const { db, studyId, admin } = await signedStudy();
		const { fingerprint } = await datasetFingerprint(db, studyId);
		const frozen = await freezeDataset(
			db,
			admin.principal,
			'mini-study',
			{ password: SIGNER_PASSWORD, meaning: 'approved' },
			{ acceptWarnings: true, now: new Date('2026-02-01T08:30:00Z') }
		);
		const exportId = await registeredExport(db);
		await releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature);
		// A second release hands the key again (password checked) but signs nothing new.
		await releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature);
		expect(
			(await signaturesOf(db, studyId)).map(({ recordType, recordId, recordHash, signedAt }) => ({
				recordType,
				recordId,
				recordHash,
				signedAt
			}))
		).toEqual([
			{
				recordType: 'dataset_version',
				recordId: String(frozen.version),
				recordHash: fingerprint,
				signedAt: '2026-02-01T08:30:00.000Z'
			},
			{
				recordType: 'key_release',
				recordId: String(exportId),
				recordHash: 'e'.repeat(64),
				signedAt: expect.stringMatching(/Z$/)
			}
		]);
	});

	it('signs once: a signer cannot be made up nor used twice', async () => {
		const { db, studyId, admin } = await signedStudy();
		const forged: Signer = {
			userId: admin.principal.userId,
			name: 'Ada Lovelace',
			email: 'ada@x.org',
			role: 'admin',
			studyId,
			meaning: 'approved'
		};
		await expect(
			signRecord(db, forged, { recordType: 'study_lock', recordId: 1, recordHash: 'a'.repeat(64) })
		).rejects.toThrow(/was not verified, or it has been used already/);
		expect(await count(db, 'signatures')).toBe(0);
	});
});
