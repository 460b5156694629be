import { scoreEveryCase } from '$fixtures/scored-cases.fixture';
import { sqlExec, sqlRow, sqlRun, sqlValue } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { lockStudy, studyFingerprint, verifyLock } from './lock.service';
import { submitRead } from '../reads/read.service';
import { raiseQuery } from '../monitor/queries.service';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds, readerAssignments } from '$fixtures/reader-assignments.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { signer } from '$fixtures/signer.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';

/** Someone with the database in hand drops a guard (PostgreSQL names the trigger's table). */
const dropTrigger = (db: Db, trigger: string, table: string) =>
	sqlExec(db, onPostgres ? `DROP TRIGGER ${trigger} ON ${table}` : `DROP TRIGGER ${trigger}`);

describe('lockStudy', () => {
	it('freezes the reads: the service refuses a new read, and so does the database', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const admin = await signer(db);
		const [first, second] = await readerAssignmentIds(db, readers[0]!.email, {
			period: 1,
			limit: 2
		});
		await submitRead(db, readers[0]!, {
			assignment: first!,
			clientId: 'before-lock',
			decision: 1,
			confidence: 70
		});
		const before = await studyFingerprint(db, 1);
		expect(
			await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature)
		).toMatchObject({ fingerprint: before, signature: { recordHash: before } });
		await expect(
			submitRead(db, readers[0]!, {
				assignment: second!,
				clientId: 'after-lock',
				decision: 1,
				confidence: 70
			})
		).rejects.toThrow('The study database is locked: no read can be added.');
		await expect(
			sqlRun(
				db,
				"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) SELECT id, 'raw', 1, 1, created_at FROM assignments WHERE public_id = ?",
				second!
			)
		).rejects.toThrow(/the study is locked/);
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'again', admin.signature)
		).rejects.toThrow(/was locked on/);
		expect(await studyFingerprint(db, 1)).toBe(before);
		await expect(
			lockStudy(db, readers[0]!, 'mini-study', 'x', {
				password: 'long enough password',
				meaning: 'approved'
			})
		).rejects.toThrow(/do not have access/);
	});
	it('refuses while a read lacks a field an endpoint needs, naming the reads', async () => {
		const yaml = FIXTURE_YAML.replace(
			'      alpha: 0.025\nai_model:',
			[
				'      alpha: 0.025',
				'  secondary:',
				'    - { metric: reading_time, hypothesis: superiority, alpha: 0.025 }',
				'ai_model:'
			].join('\n')
		);
		const { db, readers } = await enrolledStudy(['site-a'], twelveCaseOptions(yaml));
		const admin = await signer(db);
		const [first, second, third] = await readerAssignments(db, readers[0]!.email, {
			period: 1,
			limit: 3
		});
		await submitRead(db, readers[0]!, {
			assignment: first!.id,
			clientId: 'timed-0001',
			decision: 1,
			confidence: 70,
			readingTimeMs: 12_000
		});
		// Reads stored without a reading time (as before the read schema required it).
		const untimed = async (clientId: string, assignment: string) =>
			Number(
				await sqlValue(
					db,
					'INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) SELECT id, ?, 1, 40, created_at FROM assignments WHERE public_id = ? RETURNING id',
					clientId,
					assignment
				)
			);
		const a = await untimed('untimed-01', second!.id);
		const b = await untimed('untimed-02', third!.id);
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature)
		).rejects.toThrow(
			`mini-study cannot be locked: 2 reads lack what an endpoint needs — read ${a} (R01, period 1, case ${second!.caseKey}): reading time; read ${b} (R01, period 1, case ${third!.caseKey}): reading time.`
		);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM study_locks')).toEqual({ n: 0 });
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM signatures')).toEqual({ n: 0 });
	});
	it('refuses while a monitor query is not closed, naming it (queries are resolved before the lock)', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const admin = await signer(db);
		const readerId = (
			(await sqlRow(db, 'SELECT id FROM users WHERE email = ?', readers[0]!.email)) as {
				id: number;
			}
		).id;
		const query = await raiseQuery(db, admin.principal, 'mini-study', {
			targetType: 'reader',
			targetId: readerId,
			question: 'Was the training completed before the first read?'
		});
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature)
		).rejects.toThrow(
			`mini-study cannot be locked: 1 monitor query is not closed — query ${query} (open); close every query first.`
		);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM study_locks')).toEqual({ n: 0 });
	});
	it("refuses while the declared model is still scoring a case: the lock seals the AI's outputs, so they must all be in", async () => {
		const { db } = await enrolledStudy(['site-a']);
		const admin = await signer(db);
		await scoreEveryCase(db, 0.8);
		await sqlRun(
			db,
			"UPDATE ai_results SET status = 'queued', score = NULL WHERE case_id IN (SELECT id FROM cases WHERE case_key IN ('K3', 'K7'))"
		);
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature)
		).rejects.toThrow(
			'mini-study cannot be locked: the AI (demo-model 1) has not finished 2 cases — K3 (queued), K7 (queued); let scoring finish first.'
		);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM study_locks')).toEqual({ n: 0 });
	});
	it("seals the AI's outputs: an altered score fails the lock's verification, naming the case", async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const admin = await signer(db);
		await scoreEveryCase(db, 0.8);
		await sqlRun(
			db,
			"UPDATE ai_results SET status = 'failed', score = NULL, error = 'unreadable pixel data', attempts = 3 WHERE case_id = (SELECT id FROM cases WHERE case_key = 'K2')"
		);
		const [first] = await readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 1 });
		await submitRead(db, readers[0]!, {
			assignment: first!,
			clientId: 'sealed-01',
			decision: 1,
			confidence: 70
		});
		const unsealed = await studyFingerprint(db, 1, 1);
		const { fingerprint } = await lockStudy(
			db,
			admin.principal,
			'mini-study',
			'in',
			admin.signature
		);
		// Recipe 2 covers the AI's outputs, so it differs from recipe 1 on the same data.
		expect(fingerprint).not.toBe(unsealed);
		expect(await verifyLock(db, operatorPrincipal(), 'mini-study')).toEqual({
			ok: true,
			fingerprint,
			version: 2,
			// protocol, 12 images, 12 truths, 1 read, the model, 12 outputs
			items: 1 + 12 + 12 + 1 + 1 + 12
		});
		const alter = () =>
			sqlRun(
				db,
				"UPDATE ai_results SET score = 0.3 WHERE case_id = (SELECT id FROM cases WHERE case_key = 'K5')"
			);
		await expect(alter()).rejects.toThrow('the study is locked: its AI results are sealed');
		await expect(sqlRun(db, "DELETE FROM ai_results WHERE status = 'failed'")).rejects.toThrow(
			'the study is locked: its AI results are sealed'
		);
		// Someone with the database file in hand drops the guard first.
		await dropTrigger(db, 'ai_results_no_update_after_lock', 'ai_results');
		await alter();
		expect(await verifyLock(db, operatorPrincipal(), 'mini-study')).toMatchObject({
			ok: false,
			fingerprint,
			version: 2,
			changes: ['AI output of case K5: changed since the lock']
		});
		await expect(verifyLock(db, readers[0]!, 'mini-study')).rejects.toThrow(/do not have access/);
	});
	it('verifies a lock made before the AI outputs were sealed by its own recipe', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const admin = await signer(db);
		await scoreEveryCase(db, 0.8);
		await lockStudy(db, admin.principal, 'mini-study', 'in', admin.signature);
		// As a lock of recipe 1 was stored: no version column yet (default 1), no per-item seal.
		const old = await studyFingerprint(db, 1, 1);
		await sqlRun(
			db,
			'UPDATE study_locks SET fingerprint = ?, fingerprint_version = 1, seal_json = NULL',
			old
		);
		expect(await studyFingerprint(db, 1)).toBe(old);
		expect(await verifyLock(db, operatorPrincipal(), 'mini-study')).toMatchObject({
			ok: true,
			version: 1
		});
		// Recipe 1 does not cover the AI's outputs; a change to what it covers is found, unnamed.
		await dropTrigger(db, 'images_no_update_after_lock', 'images');
		await sqlExec(db, "UPDATE images SET sha256 = 'f00' WHERE id = 1");
		expect(await verifyLock(db, operatorPrincipal(), 'mini-study')).toMatchObject({
			ok: false,
			version: 1,
			changes: [expect.stringMatching(/recipe 1 records no per-item seal/)]
		});
	});
});
