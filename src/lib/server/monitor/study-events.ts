// In-process notifications that a study's data changed (a read was stored, a reader enrolled…),
// so live views (the sponsor dashboard's event stream) refresh at once instead of polling.
import { EventEmitter } from 'node:events';
import type { Db } from '../db/client';

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
export function studyVersion(db: Db, studyId: number): number {
	const row = db.$client
		.prepare('SELECT max(seq) AS seq FROM audit_events WHERE study_id = ?')
		.get(studyId) as { seq: number | null };
	return row.seq ?? 0;
}
