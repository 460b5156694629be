// Notifications that a study's data changed (a read was stored, corrected), so live views (the
// sponsor dashboard's event stream) refresh at once instead of waiting for their poll: in this
// process, and on PostgreSQL in the others too (study-notifications.ts).
import { EventEmitter } from 'node:events';
import { eq, max } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { broadcastStudyChanged } from './study-notifications';
import { auditEvents } from '../db/schema';

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

/** Called once the change is committed; `db` tells the other processes on PostgreSQL. */
export function notifyStudyChanged(studyId: number, db?: DbOrTx): void {
	emitter.emit(`study:${studyId}`);
	if (db) broadcastStudyChanged(db, studyId);
}

/** A change another process made (its notification, heard by this one). */
export function studyChangedElsewhere(studyId: number): void {
	emitter.emit(`study:${studyId}`);
}

export function onStudyChanged(studyId: number, listener: () => void): () => void {
	emitter.on(`study:${studyId}`, listener);
	return () => emitter.off(`study:${studyId}`, listener);
}

/** A number that grows with every recorded change of the study (its latest audit row). */
export async function studyVersion(db: Db, studyId: number): Promise<number> {
	const [row] = await db
		.select({ seq: max(auditEvents.seq) })
		.from(auditEvents)
		.where(eq(auditEvents.studyId, studyId));
	return row?.seq ?? 0;
}
