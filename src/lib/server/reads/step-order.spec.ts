// The sequential design's order of steps (21 CFR 11.10(f)): a case's aided read opens only after
// the same reader's unaided read of it is stored, and starts from that answer with the AI shown.
import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import {
	imageForReading,
	nextAssignment,
	readingPage,
	readingView,
	saveDraft
} from './reading.service';
import { submitRead } from './read.service';
import { Conflict } from '../errors';
import { sequentialStudy } from '$fixtures/sequential-study.fixture';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { scoreEveryCase } from '$fixtures/scored-cases.fixture';
import type { Db } from '../db/client';
import { forEachInOrder } from '../db/in-order';

const DAY = 86_400_000;
const UNAIDED_FIRST =
	'Sequential design: submit your read of this case without the AI first; the read with the AI opens after it.';

const readCount = async (db: Db) =>
	((await sqlRow(db, 'SELECT count(*) AS n FROM reads')) as { n: number }).n;

describe('the sequential order of steps', () => {
	it('opens a case’s aided read only once the same reader’s unaided read of it is stored', async () => {
		const { db, readers } = await sequentialStudy(['site-a', 'site-a']);
		const [reader, other] = [readers[0]!, readers[1]!];
		const [unaided, aided] = await readerAssignments(db, reader.email);
		expect([unaided!.arm, aided!.arm]).toEqual(['unaided', 'aided']);
		expect(aided!.caseKey).toBe(unaided!.caseKey);

		// Page data, view, images, drafts and the submit of the aided step are all refused first.
		await expect(readingPage(db, reader, aided!.id)).rejects.toThrow(UNAIDED_FIRST);
		await expect(readingView(db, reader, aided!.id)).rejects.toThrow(Conflict);
		await expect(imageForReading(db, reader, aided!.id, 1)).rejects.toThrow(UNAIDED_FIRST);
		await expect(saveDraft(db, reader, aided!.id, { decision: 1 })).rejects.toThrow(UNAIDED_FIRST);
		const early = { assignment: aided!.id, clientId: 'aided-first-1', decision: 1 as const };
		try {
			await submitRead(db, reader, { ...early, confidence: 70 });
			expect.unreachable('an aided read before the unaided one must be refused');
		} catch (error) {
			expect(error).toBeInstanceOf(Conflict);
			expect((error as Conflict).message).toBe(UNAIDED_FIRST);
			expect((error as Conflict).details).toEqual({ readFirst: unaided!.id });
		}
		expect(await readCount(db)).toBe(0);
		const refusals = (await sqlRows(
			db,
			"SELECT after_json AS after FROM audit_events WHERE action = 'read.refused_out_of_order'"
		)) as Array<{ after: string }>;
		expect(refusals.map((row) => JSON.parse(row.after))).toEqual([
			{ assignment: aided!.id, readFirst: unaided!.id }
		]);

		// Another reader's unaided read of the same case opens nothing for this reader.
		const [othersUnaided] = await readerAssignments(db, other.email, {
			arm: 'unaided',
			caseKey: unaided!.caseKey
		});
		await submitRead(db, other, {
			assignment: othersUnaided!.id,
			clientId: 'other-unaided-1',
			decision: 0,
			confidence: 10
		});
		await expect(readingView(db, reader, aided!.id)).rejects.toThrow(UNAIDED_FIRST);

		// The next case is the unaided step; its view does not hand out the aided step's images yet.
		expect(await nextAssignment(db, reader, 'mini-study')).toBe(unaided!.id);
		expect((await readingView(db, reader, unaided!.id)).next).toEqual({
			assignment: aided!.id,
			images: [],
			frames: []
		});

		await submitRead(db, reader, {
			...early,
			assignment: unaided!.id,
			clientId: 'unaided-1',
			confidence: 60
		});
		expect(await nextAssignment(db, reader, 'mini-study')).toBe(aided!.id);
		expect((await readingView(db, reader, aided!.id)).withAi).toBe(true);
		expect((await imageForReading(db, reader, aided!.id, 1)).path).toMatch(
			/images\/K\d+\/001\.dcm$/
		);
		expect((await submitRead(db, reader, { ...early, confidence: 70 })).created).toBe(true);
	});

	it('stamps the aided step shown with the unaided read (one transaction), its draft the answer just stored', async () => {
		const { db, readers } = await sequentialStudy(['site-a']);
		const reader = readers[0]!;
		const [unaided, aided] = await readerAssignments(db, reader.email);
		const at = new Date(Date.now() - 5000);
		const answer = { decision: 1 as const, confidence: 66, comment: 'seen at once' };
		const result = await submitRead(
			db,
			reader,
			{ assignment: unaided!.id, clientId: 'unaided-shown-1', ...answer },
			at,
			{ shown: aided!.id }
		);
		expect(result.shownRefusal).toBeNull();
		const stamped = (await sqlRow(
			db,
			`SELECT d.first_served_at AS at FROM read_drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.public_id = '${aided!.id}'`
		)) as { at: number };
		expect(Number(stamped.at)).toBe(at.getTime());
		expect((await readingView(db, reader, aided!.id)).draft).toMatchObject(answer);
		// Shown before its unaided read is in: refused, and the read submitted with it still stored.
		const [, , secondUnaided, secondAided] = await readerAssignments(db, reader.email);
		const early = await submitRead(
			db,
			reader,
			{ assignment: aided!.id, clientId: 'aided-shown-1', decision: 0, confidence: 20 },
			new Date(),
			{ shown: secondAided!.id }
		);
		expect(early.created).toBe(true);
		expect(early.shownRefusal?.message).toBe(UNAIDED_FIRST);
		expect(secondUnaided!.arm).toBe('unaided');
	});

	it('starts the aided read from the reader’s own unaided answer, with the AI shown; both reads are kept', async () => {
		const { db, readers } = await sequentialStudy(['site-a', 'site-a']);
		await scoreEveryCase(db);
		const [reader, other] = [readers[0]!, readers[1]!];
		const [unaided, aided] = await readerAssignments(db, reader.email);
		const [othersUnaided] = await readerAssignments(db, other.email, {
			arm: 'unaided',
			caseKey: unaided!.caseKey
		});
		await submitRead(db, other, {
			assignment: othersUnaided!.id,
			clientId: 'other-unaided-2',
			decision: 0,
			confidence: 3,
			comment: 'someone else'
		});

		const first = await readingView(db, reader, unaided!.id);
		expect(first.ai).toBeNull();
		expect(first.unaidedAnswer).toBeNull();
		expect(JSON.stringify(first)).not.toMatch(/score|someone else/);
		const answer = {
			decision: 1 as const,
			confidence: 64,
			marks: [{ image: 1, x: 3, y: 4, confidence: 80 }],
			measurements: [],
			comment: 'small nodule'
		};
		await submitRead(db, reader, { assignment: unaided!.id, clientId: 'unaided-2', ...answer });

		const second = await readingView(db, reader, aided!.id);
		expect(second.withAi).toBe(true);
		expect(second.ai).toMatchObject({ status: 'done', score: 0.8 });
		expect(second.unaidedAnswer).toEqual(answer);
		expect(second.draft).toMatchObject(answer);
		expect(JSON.stringify(second)).not.toMatch(/someone else|truth|K\d+/);

		// The reader revises; the revision is what a reload shows, the unaided answer stays as it was.
		await saveDraft(db, reader, aided!.id, { ...answer, confidence: 85, marks: [], events: [] });
		const reloaded = await readingView(db, reader, aided!.id);
		expect(reloaded.draft).toMatchObject({ decision: 1, confidence: 85, marks: [] });
		expect(reloaded.unaidedAnswer).toEqual(answer);
		await submitRead(db, reader, {
			assignment: aided!.id,
			clientId: 'aided-0002',
			decision: 1,
			confidence: 85
		});
		const rows = await sqlRows(
			db,
			`SELECT a.arm, r.confidence, r.marks_json AS marks FROM reads r JOIN assignments a ON a.id = r.assignment_id
				 WHERE a.public_id IN (?, ?) ORDER BY r.id`,
			unaided!.id,
			aided!.id
		);
		expect(rows).toEqual([
			{ arm: 'unaided', confidence: 64, marks: JSON.stringify(answer.marks) },
			{ arm: 'aided', confidence: 85, marks: '[]' }
		]);
	});

	it('never shows the other arm’s read in a crossover design', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const start = new Date('2026-03-02T09:00:00Z');
		await forEachInOrder(
			await readerAssignments(db, reader.email, { period: 1 }),
			async (assignment, index) =>
				await submitRead(
					db,
					reader,
					{
						assignment: assignment.id,
						clientId: `crossover-${index}`,
						decision: 1,
						confidence: 55
					},
					new Date(start.getTime() + index * 60_000)
				)
		);
		const later = new Date(start.getTime() + 30 * DAY);
		const [aided] = await readerAssignments(db, reader.email, { period: 2, arm: 'aided' });
		expect(await nextAssignment(db, reader, 'mini-study', later)).toBeTruthy();
		const view = await readingView(db, reader, aided!.id, later);
		expect(view.unaidedAnswer).toBeNull();
		expect(view.draft).toEqual({ marks: [], events: [] });
	});
});
