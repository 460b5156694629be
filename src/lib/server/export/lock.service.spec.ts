import { describe, expect, it } from 'vitest';
import { lockStudy, studyFingerprint } from './lock.service';
import { submitRead } from '../reads/read.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';

function firstAssignments(db: Db, userId: number): string[] {
	return (db.$client.prepare('SELECT a.public_id AS id FROM assignments a JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id WHERE m.user_id = ? AND s.period = 1 ORDER BY a.position LIMIT 2').all(userId) as Array<{ id: string }>).map((row) => row.id);
}

describe('lockStudy', () => {
	it('freezes the reads: the service refuses a new read, and so does the database', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const [first, second] = firstAssignments(db, readers[0]!.userId);
		submitRead(db, readers[0]!, { assignment: first!, clientId: 'before-lock', decision: 1, confidence: 70 });
		const before = studyFingerprint(db, 1);
		expect(lockStudy(db, operatorPrincipal(), 'mini-study', 'all reads in')).toEqual({ fingerprint: before });
		expect(() => submitRead(db, readers[0]!, { assignment: second!, clientId: 'after-lock', decision: 1, confidence: 70 })).toThrow('The study database is locked: no read can be added.');
		expect(() => db.$client.prepare("INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) SELECT id, 'raw', 1, 1, 0 FROM assignments WHERE public_id = ?").run(second)).toThrow(/the study is locked/);
		expect(() => lockStudy(db, operatorPrincipal(), 'mini-study', 'again')).toThrow(/was locked on/);
		expect(studyFingerprint(db, 1)).toBe(before);
		expect(() => lockStudy(db, readers[0]!, 'mini-study', 'x')).toThrow(/do not have access/);
	});
});
