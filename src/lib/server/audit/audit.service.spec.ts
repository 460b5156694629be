import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { recordAudit, verifyAuditChain, GENESIS_HASH } from './audit.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import { sqlExec, sqlRun } from '$fixtures/sql.fixture';
import { dropTrigger } from '$fixtures/audit-attack.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { systemPrincipal } from '../access/principal';

const actor = { kind: 'user', userId: 7, email: 'a@site.org', name: 'A' } as const;

describe('audit trail', () => {
	it('hashes SHA-256(previous hash + canonical row), keys sorted, written out by hand here', async () => {
		const db = await testDatabase();
		const at = new Date('2026-11-23T10:00:00.123Z');
		const row = await recordAudit(
			db,
			actor,
			{
				action: 'x.done',
				entityType: 'thing',
				entityId: 5,
				studyId: 2,
				after: { b: 1, a: [2, { d: 3, c: 4 }] },
				reason: 'why'
			},
			at
		);
		const canonical =
			'{"action":"x.done","actor":"user:7 <a@site.org>","actorUserId":7,"afterJson":"{\\"a\\":[2,{\\"c\\":4,\\"d\\":3}],\\"b\\":1}",' +
			'"at":"2026-11-23T10:00:00.123Z","beforeJson":null,"entityId":"5","entityType":"thing","prevHash":"' +
			GENESIS_HASH +
			'","reason":"why","seq":1,"studyId":2}';
		expect(row.hash).toBe(
			createHash('sha256')
				.update(GENESIS_HASH + canonical)
				.digest('hex')
		);
		const second = await recordAudit(
			db,
			systemPrincipal('test'),
			{ action: 'y', entityType: 'thing' },
			at
		);
		expect(second.prevHash).toBe(row.hash);
		expect(second.seq).toBe(2);
	});

	it('verifies an intact chain and names the first altered row', async () => {
		const db = await testDatabase();
		for (let index = 0; index < 5; index++)
			await recordAudit(db, actor, {
				action: `step.${index}`,
				entityType: 'thing',
				entityId: index
			});
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
		// Behind the app's back: drop the guard, change row 3.
		await dropTrigger(db, 'audit_events_no_update', 'audit_events');
		await sqlRun(db, "UPDATE audit_events SET action = 'step.forged' WHERE seq = 3");
		expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 3, count: 2 });
	});

	it('names a deleted row by its missing sequence number', async () => {
		const db = await testDatabase();
		for (let index = 0; index < 4; index++)
			await recordAudit(db, actor, { action: `step.${index}`, entityType: 'thing' });
		await dropTrigger(db, 'audit_events_no_delete', 'audit_events');
		await sqlRun(db, 'DELETE FROM audit_events WHERE seq = 2');
		expect(await verifyAuditChain(db)).toMatchObject({ ok: false, seq: 2 });
	});

	it('refuses UPDATE and DELETE of audit rows and of submitted reads in the database itself', async () => {
		const db = await testDatabase();
		await recordAudit(db, actor, { action: 'a', entityType: 'thing' });
		await expect(sqlRun(db, "UPDATE audit_events SET action = 'b'")).rejects.toThrow(
			/append-only: UPDATE refused/
		);
		await expect(sqlRun(db, 'DELETE FROM audit_events')).rejects.toThrow(
			/append-only: DELETE refused/
		);
		// Timestamps: SQLite's milliseconds, PostgreSQL's timestamptz.
		const zero = onPostgres ? "'1970-01-01T00:00:00Z'" : '0';
		await sqlExec(
			db,
			`INSERT INTO studies (slug, title, design, protocol_version, protocol_sha256, protocol_json, randomization_seed, source_dir, created_at, updated_at) VALUES ('s','S','crossover','1','x','{}','1','/',${zero},${zero});
			INSERT INTO users (email, name, password_hash, created_at) VALUES ('r@x.org','R','x',${zero});
			INSERT INTO memberships (user_id, study_id, role, created_at) VALUES (1,1,'reader',${zero});
			INSERT INTO cases (study_id, case_key, ordinal, strata_json, image_folder) VALUES (1,'K1',1,'{}','images/K1');
			INSERT INTO reading_sessions (study_id, membership_id, period, session_index, status, created_at) VALUES (1,1,1,1,'open',${zero});
			INSERT INTO assignments (session_id, case_id, arm, position, public_id, created_at) VALUES (1,1,'unaided',1,'p',${zero});
			INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) VALUES (1,'c',1,50,${zero});`
		);
		await expect(sqlRun(db, 'UPDATE reads SET decision = 0')).rejects.toThrow(/immutable/);
		await expect(sqlRun(db, 'DELETE FROM reads')).rejects.toThrow(/immutable/);
		// Trial data cannot be deleted from under a read either (restrict foreign keys).
		await expect(sqlRun(db, 'DELETE FROM assignments')).rejects.toThrow(/FOREIGN KEY/i);
	});
});
