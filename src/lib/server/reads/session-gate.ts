// When a reading session may be read (DES-3): period 1 at once; a later period only once every
// session of the period before is complete and the protocol's washout has passed since the last
// read of that period. Decided here, on the server, whatever the browser shows.
import { and, eq, inArray, max } from 'drizzle-orm';
import { assignments, readingSessions, reads } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { Conflict } from '../errors';

const DAY_MS = 24 * 60 * 60 * 1000;

type SessionRow = typeof readingSessions.$inferSelect;

/** The session may not be read now; `opensAt`, when known, is when it opens. */
export class SessionClosed extends Conflict {
	constructor(
		message: string,
		readonly opensAt: Date | null
	) {
		super(message, { opensAt: opensAt?.toISOString() ?? null });
	}
}

export type GateVerdict = { open: true } | { open: false; opensAt: Date | null; reason: string };

export function sessionGate(session: SessionRow, now: Date): GateVerdict {
	if (session.status === 'open' || session.status === 'in_progress') return { open: true };
	if (session.status === 'completed')
		return { open: false, opensAt: null, reason: 'This session is complete.' };
	if (session.opensAt === null) {
		return {
			open: false,
			opensAt: null,
			reason: `Period ${session.period} opens after the washout that follows your last read of period ${session.period - 1}.`
		};
	}
	if (session.opensAt.getTime() > now.getTime()) {
		return {
			open: false,
			opensAt: session.opensAt,
			reason: `Washout: period ${session.period} opens on ${session.opensAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
		};
	}
	return { open: true };
}

/** The time of the last read in a reader's period, or null while any of its assignments is unread. */
export async function periodCompletedAt(
	tx: DbOrTx,
	membershipId: number,
	period: number
): Promise<Date | null> {
	const sessions = await tx
		.select({ id: readingSessions.id, status: readingSessions.status })
		.from(readingSessions)
		.where(and(eq(readingSessions.membershipId, membershipId), eq(readingSessions.period, period)));
	if (sessions.length === 0 || sessions.some((session) => session.status !== 'completed'))
		return null;
	const assignmentIds = tx
		.select({ id: assignments.id })
		.from(assignments)
		.where(
			inArray(
				assignments.sessionId,
				sessions.map((session) => session.id)
			)
		);
	const last = (
		await tx
			.select({ at: max(reads.submittedAt) })
			.from(reads)
			.where(inArray(reads.assignmentId, assignmentIds))
	)[0]?.at;
	return last === undefined || last === null ? null : new Date(last);
}

export function washoutEnd(completedAt: Date, washoutDays: number): Date {
	return new Date(completedAt.getTime() + washoutDays * DAY_MS);
}
