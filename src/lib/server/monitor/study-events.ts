// In-process notifications that a study's data changed (a read was stored, a reader enrolled…),
// so live views (the sponsor dashboard's event stream) refresh at once instead of polling.
import { EventEmitter } from 'node:events';
import { eq, max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function notifyStudyChanged(studyId: number): void {
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
