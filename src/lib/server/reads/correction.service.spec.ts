// Read corrections (READ-4): a new read that supersedes the one it corrects, filed by the reader or
// their site's coordinator with a reason, checked like a read, before the lock, on the latest
// version only.
import { sqlRow, sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { describe, expect, it } from 'vitest';
import { correctRead } from './correction.service';
import { submitRead } from './read.service';
import { lockStudy } from '../export/lock.service';
import type { UserPrincipal } from '../access/principal';
import { InputError, NotFound } from '../errors';
import { enrolledStudy, twelveCaseOptions, studyMember } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import type { Db } from '../db/client';
import { transactionsSettled } from '../db/transaction';
import { signer } from '$fixtures/signer.fixture';

// A timestamp parameter: milliseconds on SQLite, an instant for PostgreSQL's timestamptz.
const sqlTime = (ms: number) => (onPostgres ? new Date(ms).toISOString() : ms);

const rows = async (db: Db) =>
	(await sqlRows(db, 'SELECT * FROM reads ORDER BY id')) as Array<Record<string, unknown>>;
const audit = async (db: Db, action: string) =>
	(await sqlRows(
		db,
		'SELECT entity_id AS id, before_json AS before, after_json AS after, reason FROM audit_events WHERE action = ?',
		action
	)) as Array<{ id: string; before: string; after: string; reason: string }>;

/** A study with readers at site-a and site-b, and one timed read by the site-a reader. */
async function oneRead(yaml = FIXTURE_YAML) {
	const { db, readers } = await enrolledStudy(['site-a', 'site-b'], twelveCaseOptions(yaml));
	const [reader, other] = readers as [UserPrincipal, UserPrincipal];
	const [assignment] = await readerAssignmentIds(db, reader.email, { period: 1 });
	const { readId } = await submitRead(
		db,
		reader,
		{
			assignment: assignment!,
			clientId: 'original-01',
			decision: 0,
			confidence: 30,
			readingTimeMs: 42_000,
			pausedMs: 1_500
		},
		new Date('2026-03-02T09:00:00Z')
	);
	return { db, reader, other, readId };
}

const fix = { decision: 1 as const, confidence: 80, reason: 'Clicked the wrong button.' };

describe('correctRead', () => {
	it('stores a new read that supersedes the original, keeps the original and its reading time, and audits it', async () => {
		const { db, reader, readId } = await oneRead();
		const [before] = await rows(db);
		const at = new Date('2026-03-03T10:00:00Z');
		const corrected = await correctRead(db, reader, { read: readId, ...fix }, at);
		expect(corrected.supersedes).toBe(readId);
		const [original, correction, ...more] = await rows(db);
		expect(more).toEqual([]);
		expect(original).toEqual(before);
		expect(correction).toMatchObject({
			id: corrected.readId,
			assignment_id: before!.assignment_id,
			decision: 1,
			confidence: 80,
			supersedes_read_id: readId,
			correction_reason: 'Clicked the wrong button.',
			corrected_by: reader.userId,
			corrected_by_role: 'reader',
			// Not a new timed read: the original's reading time and pause, and when it was served.
			reading_time_ms: 42_000,
			paused_ms: 1_500,
			served_at: before!.served_at,
			submitted_at: at.getTime(),
			client_events_json: '[]'
		});
		const [row] = await audit(db, 'read.corrected');
		expect(row).toMatchObject({
			id: String(corrected.readId),
			reason: 'Clicked the wrong button.'
		});
		expect(JSON.parse(row!.before)).toMatchObject({ read: readId, decision: 0, confidence: 30 });
		expect(JSON.parse(row!.after)).toMatchObject({
			read: corrected.readId,
			supersedes: readId,
			decision: 1,
			confidence: 80,
			by: 'reader'
		});
	});

	it('needs a reason of at most 2,000 characters, and a change', async () => {
		const { db, reader, readId } = await oneRead();
		for (const reason of ['', '   '])
			await expect(correctRead(db, reader, { read: readId, ...fix, reason })).rejects.toThrow(
				'reason: a correction needs a reason'
			);
		await expect(
			correctRead(db, reader, { read: readId, ...fix, reason: 'x'.repeat(2001) })
		).rejects.toThrow(/^reason: Too big/);
		await expect(
			correctRead(db, reader, { read: readId, decision: 0, confidence: 30, reason: 'same' })
		).rejects.toThrow('The correction changes nothing');
		expect(await rows(db)).toHaveLength(1);
		expect(
			(await correctRead(db, reader, { read: readId, ...fix, reason: 'x'.repeat(2000) })).readId
		).toBe(readId + 1);
	});

	it('checks the values as a read is checked: the scale, the marks against the images, comments', async () => {
		const marked = FIXTURE_YAML.replace(
			'  confidence: percent\n',
			'  confidence: percent\n  lesion_marks: true\n'
		);
		const { db, reader, readId } = await oneRead(marked);
		await expect(
			correctRead(db, reader, { read: readId, ...fix, confidence: 101 })
		).rejects.toThrow('confidence: must be 0–100');
		await expect(
			correctRead(db, reader, {
				read: readId,
				...fix,
				marks: [{ image: 2, x: 1, y: 1, confidence: 50 }]
			})
		).rejects.toThrow('marks.0.image: this case has 1 image');
		await expect(
			correctRead(db, reader, { read: readId, ...fix, comment: 'x'.repeat(2001) })
		).rejects.toThrow(/^comment: Too big/);
		await expect(
			correctRead(db, reader, { read: readId, ...fix, decision: 2 } as never)
		).rejects.toThrow(InputError);
		expect(await rows(db)).toHaveLength(1);
		await correctRead(db, reader, {
			read: readId,
			...fix,
			marks: [{ image: 1, x: 1, y: 1, confidence: 50 }],
			comment: ' small nodule '
		});
		expect(JSON.parse((await rows(db))[1]!.marks_json as string)).toEqual([
			{ image: 1, x: 1, y: 1, confidence: 50 }
		]);
		expect((await rows(db))[1]!.comment).toBe('small nodule');
		// A study that records no comments takes none in a correction either.
		const plain = await oneRead(
			FIXTURE_YAML.replace('  confidence: percent\n', '  confidence: percent\n  comment: false\n')
		);
		await expect(
			correctRead(plain.db, plain.reader, { read: plain.readId, ...fix, comment: 'note' })
		).rejects.toThrow('comment: this study records no comments');
	});

	it('is open to the reader who made the read and their site’s coordinator only; anyone else is told it does not exist', async () => {
		const { db, reader, other, readId } = await oneRead();
		const ownCoordinator = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const otherCoordinator = await studyMember(db, 'coord.b@x.org', 'coordinator', 'site-b');
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const missing = async (principal: UserPrincipal, read: number) => {
			try {
				await correctRead(db, principal, { read, ...fix });
				expect.unreachable('the correction must be refused');
			} catch (error) {
				expect(error).toBeInstanceOf(NotFound);
				return (error as Error).message;
			}
		};
		const messages = [
			await missing(reader, 9_999),
			await missing(other, readId),
			await missing(otherCoordinator, readId),
			await missing(sponsor, readId)
		];
		expect(new Set(messages)).toEqual(new Set(['No such read.']));
		expect(await rows(db)).toHaveLength(1);
		await transactionsSettled(db); // refusals are recorded once the refused transaction is over
		expect(
			await sqlRow(
				db,
				"SELECT count(*) AS n FROM audit_events WHERE action = 'access.refused' AND entity_type = 'read'"
			)
		).toEqual({ n: 4 });

		const byCoordinator = await correctRead(db, ownCoordinator, {
			read: readId,
			...fix,
			reason: 'Data entry: the reader reported the wrong rating on paper.'
		});
		expect((await rows(db))[1]).toMatchObject({
			id: byCoordinator.readId,
			corrected_by: ownCoordinator.userId,
			corrected_by_role: 'coordinator'
		});
	});

	it('refuses a correction of a read that was corrected already; the latest version can be corrected', async () => {
		const { db, reader, readId } = await oneRead();
		const second = await correctRead(db, reader, { read: readId, ...fix });
		await expect(correctRead(db, reader, { read: readId, ...fix, confidence: 90 })).rejects.toThrow(
			`Read ${readId} has been corrected already (read ${second.readId}): correct its latest version.`
		);
		const third = await correctRead(db, reader, { read: second.readId, ...fix, confidence: 90 });
		expect(third.supersedes).toBe(second.readId);
		expect((await rows(db)).map((row) => row.supersedes_read_id)).toEqual([
			null,
			readId,
			second.readId
		]);
	});

	it('is refused once the study is locked, by the service and by the database', async () => {
		const { db, reader, readId } = await oneRead();
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		await expect(correctRead(db, reader, { read: readId, ...fix })).rejects.toThrow(
			'The study database is locked: correcting a read is no longer possible.'
		);
		await expect(
			sqlRun(
				db,
				"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at, supersedes_read_id, correction_reason, corrected_by, corrected_by_role) SELECT assignment_id, 'raw-fix', 1, 80, ?, id, 'raw', ?, 'reader' FROM reads WHERE id = ?",
				sqlTime(0),
				reader.userId,
				readId
			)
		).rejects.toThrow(/the study is locked/);
		expect(await rows(db)).toHaveLength(1);
	});
});
