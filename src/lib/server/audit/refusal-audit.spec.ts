// Issue 14 #10: every refused privileged action leaves an audit row (who, what, on what, why),
// written after the refused request's own transaction, and rate-limited per actor.
import { describe, expect, it } from 'vitest';
import { auditRefusal, REFUSAL_AUDIT_LIMIT } from './refusal-audit';
import { verifyAuditChain } from './audit.service';
import { auditGuardRefusal, auditRequestRefusal } from '../access/request-refusal';
import { releaseKey } from '../export/unblinding.service';
import { lockStudy } from '../export/lock.service';
import { withdrawReader } from '../schedule/withdrawal.service';
import { submitRead } from '../reads/read.service';
import { addUser } from '../users/user.service';
import { blindExports, type Role } from '../db/schema';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { AccessDenied, NotFound, type ServiceError } from '../errors';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import type { Db } from '../db/client';
import { transactionsSettled } from '../db/transaction';

async function person(
	db: Db,
	role: 'sponsor' | 'statistician' | 'coordinator',
	email: string,
	site?: string
): Promise<UserPrincipal> {
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: role,
		role,
		site,
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: role };
}

interface Row {
	actor: string;
	action: string;
	entityType: string;
	entityId: string | null;
	studyId: number | null;
	after: Record<string, unknown>;
	reason: string | null;
}

async function refusals(db: Db, action = 'access.refused'): Promise<Row[]> {
	return (
		(await sqlRows(
			db,
			'SELECT actor, action, entity_type AS "entityType", entity_id AS "entityId", study_id AS "studyId", after_json AS after, reason FROM audit_events WHERE action = ? ORDER BY seq',
			action
		)) as Array<Row & { after: string }>
	).map((row) => ({ ...row, after: JSON.parse(row.after) }));
}

/** A signature as these people would give it (their passwords are the fixture's). */
const SIGNATURE = { password: 'long enough password', meaning: 'approved' } as const;

async function caught(call: () => unknown): Promise<ServiceError> {
	try {
		await call();
	} catch (error) {
		return error as ServiceError;
	}
	throw new Error('expected a refusal');
}

/** Refusals raised inside a transaction are written once it has rolled back. */
const afterRollback = async (db: Db) => await transactionsSettled(db);

function fakeEvent(user: UserPrincipal, method: string, url: string, routeId: string) {
	return {
		locals: { user: { id: user.userId, email: user.email, name: user.name } },
		request: new Request(url, { method }),
		url: new URL(url),
		route: { id: routeId }
	};
}

describe('refused privileged actions are audited (issue 14 #10)', () => {
	it('records a refused key release, lock and withdrawal: actor, action attempted, target, reason', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const statistician = await person(db, 'statistician', 'stat@x.org');
		const sponsor = await person(db, 'sponsor', 'sponsor@x.org');
		const coordinatorB = await person(db, 'coordinator', 'coord.b@x.org', 'site-b');
		await db
			.insert(blindExports)
			.values({ studyId: 1, manifestSha256: 'f'.repeat(64), codeKeyJson: '{}' });

		await expect(releaseKey(db, statistician, 'mini-study', 1, SIGNATURE)).rejects.toThrow(
			AccessDenied
		);
		await expect(lockStudy(db, sponsor, 'mini-study', 'early', SIGNATURE)).rejects.toThrow(
			AccessDenied
		);
		// Refused inside the withdrawal's transaction, which is rolled back.
		await expect(
			withdrawReader(db, coordinatorB, {
				study: 'mini-study',
				email: readers[0]!.email,
				reason: 'not mine'
			})
		).rejects.toThrow(`No enrolled reader ${readers[0]!.email} in mini-study.`);
		await afterRollback(db);

		expect(await refusals(db)).toEqual([
			{
				actor: `user:${statistician.userId} <stat@x.org>`,
				action: 'access.refused',
				entityType: 'blind_export',
				entityId: '1',
				studyId: 1,
				after: { attempted: 'export.release_key', status: 403, need: ['admin'] },
				reason: 'You do not have access to this.'
			},
			{
				actor: `user:${sponsor.userId} <sponsor@x.org>`,
				action: 'access.refused',
				entityType: 'study',
				entityId: '1',
				studyId: 1,
				after: { attempted: 'study.lock', status: 403, need: ['admin'] },
				reason: 'You do not have access to this.'
			},
			{
				actor: `user:${coordinatorB.userId} <coord.b@x.org>`,
				action: 'access.refused',
				entityType: 'reader_enrolment',
				entityId: '1',
				studyId: 1,
				after: { attempted: 'reader.withdraw', status: 404 },
				reason: `No enrolled reader ${readers[0]!.email} in mini-study.`
			}
		]);
		expect(
			await sqlRow(db, 'SELECT count(*) AS n FROM memberships WHERE withdrawn_at IS NOT NULL')
		).toEqual({ n: 0 });
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('records a reader’s 404 on another reader’s assignment and a route-guard refusal, with the request', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const sponsor = await person(db, 'sponsor', 'sponsor@x.org');
		const [theirs] = await readerAssignmentIds(db, readers[1]!.email, { period: 1, limit: 1 });
		const error = await caught(
			async () =>
				await submitRead(db, readers[0]!, {
					assignment: theirs!,
					clientId: 'steal-0001',
					decision: 1,
					confidence: 90
				})
		);
		expect(error).toBeInstanceOf(NotFound);
		// Each refusal is written in a transaction of its own: two at once may commit in either
		// order on PostgreSQL (serializable, retried), so each is let through before the next.
		auditRequestRefusal(
			db,
			fakeEvent(readers[0]!, 'POST', 'http://localhost/api/reads', '/api/reads'),
			error
		);
		await transactionsSettled(db);
		auditGuardRefusal(
			db,
			fakeEvent(sponsor, 'GET', 'http://localhost/admin/studies', '/(admin)/admin/studies'),
			new Set<Role>(['sponsor'])
		);
		await transactionsSettled(db);
		// A refusal already recorded where it was raised is not recorded twice.
		const denied = (await lockStudy(db, sponsor, 'mini-study', 'early', SIGNATURE).catch(
			(error: unknown) => error
		)) as ServiceError;
		expect(denied).toBeInstanceOf(AccessDenied);
		auditRequestRefusal(
			db,
			fakeEvent(
				sponsor,
				'POST',
				'http://localhost/analysis/mini-study?/lock',
				'/(analysis)/analysis/[slug]'
			),
			denied
		);
		await afterRollback(db);
		expect(
			(await refusals(db)).map(({ actor, entityType, entityId, after, reason }) => ({
				actor,
				entityType,
				entityId,
				after,
				reason
			}))
		).toEqual([
			{
				actor: `user:${readers[0]!.userId} <${readers[0]!.email}>`,
				entityType: 'route',
				entityId: '/api/reads',
				after: { attempted: 'POST /api/reads', status: 404 },
				reason: 'No such assignment.'
			},
			{
				actor: `user:${sponsor.userId} <sponsor@x.org>`,
				entityType: 'route',
				entityId: '/(admin)/admin/studies',
				after: { attempted: 'GET /admin/studies', status: 403, roles: ['sponsor'] },
				reason: 'Your role does not give access to this page.'
			},
			{
				actor: `user:${sponsor.userId} <sponsor@x.org>`,
				entityType: 'study',
				entityId: '1',
				after: { attempted: 'study.lock', status: 403, need: ['admin'] },
				reason: 'You do not have access to this.'
			}
		]);
	});

	it('records at most the limit per actor and minute, then one summary row, and counts the rest', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [flooder, other] = readers as [UserPrincipal, UserPrincipal];
		const start = new Date('2026-03-01T10:00:00Z');
		const refuse = (who: UserPrincipal, at: Date) =>
			auditRefusal(
				db,
				who,
				{
					attempted: 'study.lock',
					targetType: 'study',
					targetId: 1,
					studyId: 1,
					status: 403,
					reason: 'no'
				},
				at
			);
		const limit = REFUSAL_AUDIT_LIMIT.rowsPerWindow;
		for (let index = 0; index < limit + 25; index++)
			refuse(flooder, new Date(start.getTime() + index * 100));
		refuse(other, new Date(start.getTime() + 5_000));
		await transactionsSettled(db); // each row is written in a transaction of its own
		const flooderLabel = `user:${flooder.userId} <${flooder.email}>`;
		expect((await refusals(db)).filter((row) => row.actor === flooderLabel)).toHaveLength(limit);
		expect((await refusals(db)).filter((row) => row.actor !== flooderLabel)).toHaveLength(1);
		expect(await refusals(db, 'access.refusals_throttled')).toEqual([
			expect.objectContaining({
				actor: flooderLabel,
				after: { limit, windowMs: REFUSAL_AUDIT_LIMIT.windowMs, since: start.toISOString() }
			})
		]);
		// The next window records again, with the count of what was left out.
		refuse(flooder, new Date(start.getTime() + REFUSAL_AUDIT_LIMIT.windowMs + 1));
		await transactionsSettled(db);
		expect((await refusals(db)).at(-1)).toMatchObject({
			actor: flooderLabel,
			after: { suppressed: 25 }
		});
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});
});
