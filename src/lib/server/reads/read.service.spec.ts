import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { submitRead, SessionClosed } from './read.service';
import { readingView } from './reading.service';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import type { Db } from '../db/client';
import { forEachInOrder } from '../db/in-order';

const DAY = 86_400_000;

const actions = async (db: Db, action: string) =>
	(await sqlRows(
		db,
		'SELECT after_json AS after FROM audit_events WHERE action = ?',
		action
	)) as Array<{ after: string }>;

describe('submitRead and the washout', () => {
	it('refuses period 2 until 28 days after the last period-1 read, audits the refusal, then accepts', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const start = new Date('2026-03-02T09:00:00Z');
		const period2 = await readerAssignmentIds(db, reader.email, { period: 2 });
		await expect(
			submitRead(
				db,
				reader,
				{ assignment: period2[0]!, clientId: 'early-0001', decision: 1, confidence: 60 },
				start
			)
		).rejects.toThrow(SessionClosed);

		const period1 = await readerAssignmentIds(db, reader.email, { period: 1 });
		expect(period1).toHaveLength(12);
		await forEachInOrder(
			period1,
			async (id, index) =>
				await submitRead(
					db,
					reader,
					{
						assignment: id,
						clientId: `p1-read-${index}`,
						decision: index % 2 === 0 ? 1 : 0,
						confidence: 50
					},
					new Date(start.getTime() + index * 60_000)
				)
		);
		const lastRead = new Date(start.getTime() + 11 * 60_000);
		const opensAt = new Date(lastRead.getTime() + 28 * DAY);
		expect(JSON.parse((await actions(db, 'session.washout_scheduled'))[0]!.after)).toMatchObject({
			period: 2,
			opensAt: opensAt.toISOString()
		});

		const oneMsEarly = new Date(opensAt.getTime() - 1);
		try {
			await submitRead(
				db,
				reader,
				{ assignment: period2[0]!, clientId: 'early-0002', decision: 1, confidence: 60 },
				oneMsEarly
			);
			expect.unreachable('the washout must refuse this read');
		} catch (error) {
			expect(error).toBeInstanceOf(SessionClosed);
			expect((error as SessionClosed).opensAt?.toISOString()).toBe(opensAt.toISOString());
			expect((error as Error).message).toContain('Washout: period 2 opens on');
		}
		const refusals = (await actions(db, 'read.refused_session_closed')).map((row) =>
			JSON.parse(row.after)
		);
		expect(refusals).toHaveLength(2);
		expect(refusals[1]).toMatchObject({ period: 2, opensAt: opensAt.toISOString() });
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 12 });

		const accepted = await submitRead(
			db,
			reader,
			{ assignment: period2[0]!, clientId: 'on-time-01', decision: 1, confidence: 60 },
			opensAt
		);
		expect(accepted.created).toBe(true);
	});

	it('makes one read of a retried submit, refuses a second read of the same case, and checks the scale', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const [first, second] = await readerAssignmentIds(db, reader.email, { period: 1 });
		const submission = {
			assignment: first!,
			clientId: 'retry-0001',
			decision: 1 as const,
			confidence: 90
		};
		const original = await submitRead(db, reader, submission);
		const retry = await submitRead(db, reader, submission);
		expect(retry).toEqual({ ...original, created: false });
		await expect(submitRead(db, reader, { ...submission, clientId: 'retry-0002' })).rejects.toThrow(
			/already been read/
		);
		await expect(
			submitRead(db, reader, {
				assignment: second!,
				clientId: 'scale-0001',
				decision: 1,
				confidence: 101
			})
		).rejects.toThrow('confidence: must be 0–100');
		await expect(
			submitRead(db, reader, {
				assignment: second!,
				clientId: 'scale-0002',
				decision: 1,
				confidence: 50,
				marks: [{ image: 1, x: 3, y: 4, confidence: 80 }]
			})
		).rejects.toThrow('marks: this study records no lesion marks');
		// A client id is one read's: sent again for another case, it is refused, nothing stored.
		await expect(submitRead(db, reader, { ...submission, assignment: second! })).rejects.toThrow(
			'That client id belongs to another read.'
		);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 1 });
	});

	it('treats another reader’s assignment as not found', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const othersAssignment = (await readerAssignmentIds(db, readers[1]!.email, { period: 1 }))[0]!;
		await expect(
			submitRead(db, readers[0]!, {
				assignment: othersAssignment,
				clientId: 'steal-0001',
				decision: 1,
				confidence: 50
			})
		).rejects.toThrow('No such assignment.');
	});
});

/** The fixture protocol with a secondary reading-time endpoint. */
const READING_TIME_YAML = FIXTURE_YAML.replace(
	'      alpha: 0.025\nai_model:',
	[
		'      alpha: 0.025',
		'  secondary:',
		'    - { metric: reading_time, hypothesis: superiority, alpha: 0.025 }',
		'ai_model:'
	].join('\n')
);

describe('submitRead and the endpoints’ fields', () => {
	it('requires the reading time when an endpoint is reading time, and keeps the server’s served and submitted times', async () => {
		const { db, readers } = await enrolledStudy(['site-a'], twelveCaseOptions(READING_TIME_YAML));
		const reader = readers[0]!;
		const [first] = await readerAssignmentIds(db, reader.email, { period: 1 });
		const read = {
			assignment: first!,
			clientId: 'timed-0001',
			decision: 1 as const,
			confidence: 60
		};
		await expect(submitRead(db, reader, read)).rejects.toThrow(
			'readingTimeMs: the reading-time endpoint needs the reading time of every read'
		);
		await expect(submitRead(db, reader, { ...read, readingTimeMs: 0 })).rejects.toThrow(
			/readingTimeMs/
		);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 0 });
		const servedAt = new Date('2026-03-02T09:00:00Z');
		const submittedAt = new Date('2026-03-02T09:00:40Z');
		await readingView(db, reader, first!, servedAt);
		await submitRead(db, reader, { ...read, readingTimeMs: 31_000 }, submittedAt);
		expect(
			await sqlRow(
				db,
				'SELECT reading_time_ms AS ms, served_at AS served, submitted_at AS at FROM reads'
			)
		).toEqual({ ms: 31_000, served: servedAt.getTime(), at: submittedAt.getTime() });
		// A study without a reading-time endpoint takes a read without one.
		const plain = await enrolledStudy(['site-a']);
		const [own] = await readerAssignmentIds(plain.db, plain.readers[0]!.email, { period: 1 });
		expect(
			(
				await submitRead(plain.db, plain.readers[0]!, {
					...read,
					assignment: own!,
					clientId: 'plain-0001'
				})
			).created
		).toBe(true);
	});
});
