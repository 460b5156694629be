// After the lock nothing in the study changes: every service refuses, and the database backs it.
import { sqlRun, sqlValue } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { lockStudy } from './lock.service';
import { submitRead } from '../reads/read.service';
import { imageForReading, nextAssignment, readingView, saveDraft } from '../reads/reading.service';
import { readerWorklist } from '../reads/worklist.service';
import { withdrawReader } from '../schedule/withdrawal.service';
import { answerQuery, closeQuery, raiseQuery } from '../monitor/queries.service';
import { addUser } from '../users/user.service';
import { enrolledStudy, studyMember } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { signer } from '$fixtures/signer.fixture';

const LOCKED = /The study database is locked/;

const count = async (db: Db, sql: string) => Number(await sqlValue(db, sql));

/** A point in time written in SQL either database takes for a timestamp column. */
const AT = '(SELECT created_at FROM studies WHERE id = 1)';

describe('the lock freezes the study', () => {
	it('refuses enrolment, withdrawal, drafts, reading views, images and queries, in the services and in the database', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [reader, other] = readers as [UserPrincipal, UserPrincipal];
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const coordinator = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const [first, second] = await readerAssignmentIds(db, reader.email, { period: 1, limit: 2 });
		const read = await submitRead(db, reader, {
			assignment: first!,
			clientId: 'before-lock-1',
			decision: 1,
			confidence: 60
		});
		await readingView(db, reader, second!);
		const open = await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'read',
			targetId: read.readId,
			question: 'Was the case opened twice?'
		});
		const answered = await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'read',
			targetId: read.readId,
			question: 'Any technical problem?'
		});
		await answerQuery(db, coordinator, 'mini-study', answered, 'None.');
		const admin = await signer(db);
		// Queries are resolved before the lock; after it none can be raised, answered or closed.
		await expect(
			lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature)
		).rejects.toThrow(/2 monitor queries are not closed/);
		await answerQuery(db, coordinator, 'mini-study', open, 'Once, by mistake.');
		await closeQuery(db, sponsor, 'mini-study', open);
		await closeQuery(db, sponsor, 'mini-study', answered);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const audited = await count(db, 'SELECT count(*) AS n FROM audit_events');

		await expect(
			addUser(db, coordinator, {
				email: 'late@site-a.org',
				name: 'Late Reader',
				role: 'reader',
				study: 'mini-study',
				site: 'site-a',
				password: 'long enough password'
			})
		).rejects.toThrow(LOCKED);
		await expect(
			withdrawReader(db, operatorPrincipal(), {
				study: 'mini-study',
				email: other.email,
				reason: 'moved away'
			})
		).rejects.toThrow(LOCKED);
		await expect(saveDraft(db, reader, second!, { confidence: 40 })).rejects.toThrow(LOCKED);
		await expect(readingView(db, reader, second!)).rejects.toThrow(LOCKED);
		await expect(imageForReading(db, reader, second!, 1)).rejects.toThrow(LOCKED);
		expect(await nextAssignment(db, reader, 'mini-study')).toBeNull();
		expect((await readerWorklist(db, reader))[0]).toMatchObject({ closed: true });
		await expect(
			raiseQuery(db, sponsor, 'mini-study', {
				targetType: 'read',
				targetId: read.readId,
				question: 'After the lock?'
			})
		).rejects.toThrow(LOCKED);
		await expect(answerQuery(db, coordinator, 'mini-study', open, 'Late answer.')).rejects.toThrow(
			LOCKED
		);
		await expect(closeQuery(db, sponsor, 'mini-study', answered)).rejects.toThrow(LOCKED);
		expect(await count(db, 'SELECT count(*) AS n FROM audit_events')).toBe(audited);
		expect(await count(db, "SELECT count(*) AS n FROM users WHERE email LIKE 'late%'")).toBe(0);

		// A study-wide role may still be given: the independent evaluator who commits the results is
		// often appointed after the lock (audited like any new role).
		const evaluator = await addUser(db, operatorPrincipal(), {
			email: 'late.evaluator@x.org',
			name: 'Late Evaluator',
			role: 'evaluator',
			study: 'mini-study',
			password: 'long enough password'
		});
		expect(evaluator.createdAccount).toBe(true);
		expect(await count(db, 'SELECT count(*) AS n FROM audit_events')).toBeGreaterThan(audited);

		// The database refuses the same writes, whatever the caller.
		for (const sql of [
			`INSERT INTO memberships (user_id, study_id, role, site_id, created_at) SELECT id, 1, 'reader', 1, ${AT} FROM users WHERE email = 'sponsor@x.org'`,
			`UPDATE memberships SET withdrawn_at = ${AT} WHERE study_id = 1`,
			'DELETE FROM memberships WHERE study_id = 1',
			`UPDATE reader_enrolments SET withdrawn_at = ${AT}, withdrawal_reason = 'x'`,
			'DELETE FROM reader_enrolments',
			"UPDATE reading_sessions SET status = 'open'",
			`INSERT INTO reading_sessions (study_id, membership_id, period, session_index, status, created_at) SELECT 1, membership_id, 9, 1, 'open', ${AT} FROM reader_enrolments`,
			"UPDATE assignments SET arm = 'aided'",
			'DELETE FROM assignments',
			"UPDATE read_drafts SET state_json = '{}'",
			`INSERT INTO read_drafts (assignment_id, first_served_at, updated_at) SELECT id, ${AT}, ${AT} FROM assignments WHERE id NOT IN (SELECT assignment_id FROM read_drafts) LIMIT 1`,
			'DELETE FROM read_drafts',
			"UPDATE monitor_queries SET status = 'closed'",
			`INSERT INTO monitor_queries (study_id, site_id, target_type, target_id, question, raised_by, status, created_at) SELECT study_id, site_id, target_type, target_id, 'again', raised_by, 'open', ${AT} FROM monitor_queries LIMIT 1`,
			"UPDATE sites SET name = 'renamed'",
			"UPDATE cases SET strata_json = '{}'",
			"UPDATE images SET path = 'elsewhere.dcm'",
			'UPDATE reference_truth SET truth = 1 - truth',
			"UPDATE studies SET title = 'another study'"
		])
			await expect(sqlRun(db, sql), sql).rejects.toThrow(/the study is locked/);
		// Unblinding is what a locked study still records.
		await sqlRun(db, `UPDATE studies SET unblinded_at = ${AT}`);
	});
});
