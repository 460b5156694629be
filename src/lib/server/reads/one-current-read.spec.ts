// "One current read per assignment" is a rule of the database, not only of the services: one
// original read per assignment, each read superseded at most once, a correction on its original's
// assignment and carrying its reason and author — whoever writes to the file.
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';

async function studyWithRead() {
	const { db, readers } = await enrolledStudy(['site-a']);
	const reader = readers[0]!;
	const [first, second] = await readerAssignmentIds(db, reader.email, { period: 1, limit: 2 });
	const { readId } = await submitRead(db, reader, {
		assignment: first!,
		clientId: 'original-01',
		decision: 1,
		confidence: 60
	});
	const assignmentOf = (publicId: string) =>
		(
			db.$client.prepare('SELECT id FROM assignments WHERE public_id = ?').get(publicId) as {
				id: number;
			}
		).id;
	const insert = () =>
		db.$client.prepare(
			`INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at,
			supersedes_read_id, correction_reason, corrected_by, corrected_by_role)
		 VALUES (@assignment, @clientId, 1, 70, 0, @supersedes, @reason, @by, @role)`
		);
	const row =
		(values: {
			assignment: number;
			clientId: string;
			supersedes?: number | null;
			reason?: string | null;
			by?: number | null;
			role?: string | null;
		}) =>
		() =>
			insert().run({ supersedes: null, reason: null, by: null, role: null, ...values });
	const correction = { reason: 'typo', by: reader.userId, role: 'reader' };
	return {
		db,
		readId,
		row,
		correction,
		first: assignmentOf(first!),
		second: assignmentOf(second!)
	};
}

const count = (db: { $client: { prepare(sql: string): { get(): unknown } } }) =>
	(db.$client.prepare('SELECT count(*) AS n FROM reads').get() as { n: number }).n;

describe('one current read per assignment, in the database', () => {
	it('refuses a second original read of an assignment inserted directly', async () => {
		const { db, first } = await studyWithRead();
		const plain = db.$client.prepare(
			"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) VALUES (?, 'second-original', 0, 10, 0)"
		);
		expect(() => plain.run(first)).toThrow(/UNIQUE constraint failed: reads\.assignment_id/);
		expect(count(db)).toBe(1);
	});

	it('lets a read be superseded once, by a correction of the same assignment with its reason and author', async () => {
		const { db, readId, row, correction, first, second } = await studyWithRead();
		expect(
			row({ assignment: second, clientId: 'elsewhere', supersedes: readId, ...correction })
		).toThrow('a correction must supersede a read of the same assignment');
		expect(row({ assignment: first, clientId: 'no-reason', supersedes: readId })).toThrow(
			'a correction, and only a correction, carries a reason and who filed it'
		);
		expect(
			row({
				assignment: first,
				clientId: 'blank-reason',
				supersedes: readId,
				...correction,
				reason: ' '
			})
		).toThrow('a correction, and only a correction, carries a reason and who filed it');
		expect(row({ assignment: second, clientId: 'reason-only', ...correction })).toThrow(
			'a correction, and only a correction, carries a reason and who filed it'
		);
		expect(count(db)).toBe(1);

		row({ assignment: first, clientId: 'fix-1', supersedes: readId, ...correction })();
		expect(
			row({ assignment: first, clientId: 'fix-2', supersedes: readId, ...correction })
		).toThrow(/UNIQUE constraint failed: reads\.supersedes_read_id/);
		expect(count(db)).toBe(2);
	});
});
