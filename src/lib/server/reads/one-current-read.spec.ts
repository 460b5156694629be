// "One current read per assignment" is a rule of the database, not only of the services: one
// original read per assignment, each read superseded at most once, a correction on its original's
// assignment and carrying its reason and author — whoever writes to the file.
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import type { Db } from '../db/client';

// A timestamp parameter: milliseconds on SQLite, an instant for PostgreSQL's timestamptz.
const sqlTime = (ms: number) => (onPostgres ? new Date(ms).toISOString() : ms);

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
	const assignmentOf = async (publicId: string) =>
		(
			(await sqlRow(db, 'SELECT id FROM assignments WHERE public_id = ?', publicId)) as {
				id: number;
			}
		).id;
	const row = (values: {
		assignment: number;
		clientId: string;
		supersedes?: number | null;
		reason?: string | null;
		by?: number | null;
		role?: string | null;
	}) => {
		const { supersedes = null, reason = null, by = null, role = null } = values;
		return sqlRun(
			db,
			`INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at,
			supersedes_read_id, correction_reason, corrected_by, corrected_by_role)
		 VALUES (?, ?, 1, 70, ?, ?, ?, ?, ?)`,
			values.assignment,
			values.clientId,
			sqlTime(0),
			supersedes,
			reason,
			by,
			role
		);
	};
	const correction = { reason: 'typo', by: reader.userId, role: 'reader' };
	return {
		db,
		readId,
		row,
		correction,
		first: await assignmentOf(first!),
		second: await assignmentOf(second!)
	};
}

const count = async (db: Db) =>
	((await sqlRow(db, 'SELECT count(*) AS n FROM reads')) as { n: number }).n;

// The unique index's refusal, in SQLite's words or PostgreSQL's (which names the index).
const ONE_ORIGINAL =
	/UNIQUE constraint failed: reads\.assignment_id|"reads_one_original_per_assignment_uq"/;
const SUPERSEDED_ONCE =
	/UNIQUE constraint failed: reads\.supersedes_read_id|"reads_superseded_once_uq"/;

describe('one current read per assignment, in the database', () => {
	it('refuses a second original read of an assignment inserted directly', async () => {
		const { db, first } = await studyWithRead();
		await expect(
			sqlRun(
				db,
				"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) VALUES (?, 'second-original', 0, 10, ?)",
				first,
				sqlTime(0)
			)
		).rejects.toThrow(ONE_ORIGINAL);
		expect(await count(db)).toBe(1);
	});

	it('lets a read be superseded once, by a correction of the same assignment with its reason and author', async () => {
		const { db, readId, row, correction, first, second } = await studyWithRead();
		await expect(
			row({ assignment: second, clientId: 'elsewhere', supersedes: readId, ...correction })
		).rejects.toThrow('a correction must supersede a read of the same assignment');
		await expect(
			row({ assignment: first, clientId: 'no-reason', supersedes: readId })
		).rejects.toThrow('a correction, and only a correction, carries a reason and who filed it');
		await expect(
			row({
				assignment: first,
				clientId: 'blank-reason',
				supersedes: readId,
				...correction,
				reason: ' '
			})
		).rejects.toThrow('a correction, and only a correction, carries a reason and who filed it');
		await expect(
			row({ assignment: second, clientId: 'reason-only', ...correction })
		).rejects.toThrow('a correction, and only a correction, carries a reason and who filed it');
		expect(await count(db)).toBe(1);

		await row({ assignment: first, clientId: 'fix-1', supersedes: readId, ...correction });
		await expect(
			row({ assignment: first, clientId: 'fix-2', supersedes: readId, ...correction })
		).rejects.toThrow(SUPERSEDED_ONCE);
		expect(await count(db)).toBe(2);
	});
});
