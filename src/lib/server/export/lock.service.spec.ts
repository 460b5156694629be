import { describe, expect, it } from 'vitest';
import { lockStudy, studyFingerprint } from './lock.service';
import { submitRead } from '../reads/read.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { operatorPrincipal } from '../access/principal';

describe('lockStudy', () => {
	it('freezes the reads: the service refuses a new read, and so does the database', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const [first, second] = readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 2 });
		submitRead(db, readers[0]!, {
			assignment: first!,
			clientId: 'before-lock',
			decision: 1,
			confidence: 70
		});
		const before = studyFingerprint(db, 1);
		expect(lockStudy(db, operatorPrincipal(), 'mini-study', 'all reads in')).toEqual({
			fingerprint: before
		});
		expect(() =>
			submitRead(db, readers[0]!, {
				assignment: second!,
				clientId: 'after-lock',
				decision: 1,
				confidence: 70
			})
		).toThrow('The study database is locked: no read can be added.');
		expect(() =>
			db.$client
				.prepare(
					"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) SELECT id, 'raw', 1, 1, 0 FROM assignments WHERE public_id = ?"
				)
				.run(second)
		).toThrow(/the study is locked/);
		expect(() => lockStudy(db, operatorPrincipal(), 'mini-study', 'again')).toThrow(
			/was locked on/
		);
		expect(studyFingerprint(db, 1)).toBe(before);
		expect(() => lockStudy(db, readers[0]!, 'mini-study', 'x')).toThrow(/do not have access/);
	});
});
