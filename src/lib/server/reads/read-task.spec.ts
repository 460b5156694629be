// The rating task's rules at submit: a FROC read answers with marks (each rated on the protocol's
// scale) or "no lesion", and is stored with decision = any mark and confidence = the highest
// mark's rating (the scale's lowest without one); an LROC read has a case rating and exactly one
// mark rated with it; box marks carry a box inside the image.
import { sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { correctRead } from './correction.service';
import { saveDraft, readingView } from './reading.service';
import { lesionTaskStudy } from '$fixtures/lesion-task-study.fixture';
import type { Db } from '../db/client';

const point = (x: number, y: number, confidence: number) => ({ image: 1, x, y, confidence });

async function storedReads(db: Db) {
	return (
		(await sqlRows(
			db,
			'SELECT decision, confidence, marks_json AS marks FROM reads ORDER BY id'
		)) as Array<{ decision: number; confidence: number; marks: string }>
	).map((row) => ({ ...row, marks: JSON.parse(row.marks) }));
}

describe('a FROC read', () => {
	it('is stored with decision 1 and the highest mark rating, or 0 and the lowest value for "no lesion"', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc' });
		const marks = [point(1, 1, 2), point(4, 2, 4), point(5, 3, 3)];
		await submitRead(db, reader, { assignment: assignments[0]!, clientId: 'froc-0001', marks });
		await submitRead(db, reader, {
			assignment: assignments[1]!,
			clientId: 'froc-0002',
			noLesion: true
		});
		expect(await storedReads(db)).toEqual([
			{ decision: 1, confidence: 4, marks },
			{ decision: 0, confidence: 1, marks: [] }
		]);
	});

	it('on the percent scale stores 0 for "no lesion" and takes marks rated 0–100', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({
			task: 'froc',
			confidence: 'percent'
		});
		await submitRead(db, reader, {
			assignment: assignments[0]!,
			clientId: 'froc-0003',
			marks: [point(1, 1, 85), point(2, 2, 30)]
		});
		await submitRead(db, reader, {
			assignment: assignments[1]!,
			clientId: 'froc-0004',
			noLesion: true
		});
		expect(
			(await storedReads(db)).map(({ decision, confidence }) => [decision, confidence])
		).toEqual([
			[1, 85],
			[0, 0]
		]);
	});

	it('refuses no marks without "no lesion", "no lesion" with marks, and ratings off the scale', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc' });
		const read = (clientId: string, rest: object) => async () =>
			await submitRead(db, reader, { assignment: assignments[0]!, clientId, ...rest });
		await expect(read('froc-0101', {})()).rejects.toThrow(
			'marks: a FROC read needs at least one mark, or the answer "no lesion"'
		);
		await expect(read('froc-0102', { marks: [point(1, 1, 3)], noLesion: true })()).rejects.toThrow(
			'noLesion: a read with marks cannot also answer "no lesion"'
		);
		await expect(read('froc-0103', { marks: [point(1, 1, 3), point(2, 2, 6)] })()).rejects.toThrow(
			'marks.1.confidence: must be 1–5'
		);
		await expect(read('froc-0104', { marks: [point(1, 1, 0)] })()).rejects.toThrow(
			'marks.0.confidence: must be 1–5'
		);
		await expect(read('froc-0105', { marks: [point(1, 1, 3)], decision: 0 })()).rejects.toThrow(
			"decision: a FROC read's decision follows from its marks (1)"
		);
		await expect(read('froc-0106', { marks: [point(1, 1, 3)], confidence: 5 })()).rejects.toThrow(
			"confidence: a FROC read's confidence is its highest mark's rating (3)"
		);
		await expect(read('froc-0107', { marks: [point(7, 1, 3)] })()).rejects.toThrow(
			'marks.0: (7, 1) is outside image 1 (6 × 4 pixels)'
		);
		expect(await storedReads(db)).toEqual([]);
		// Consistent case values are taken.
		await read('froc-0108', { marks: [point(1, 1, 3)], decision: 1, confidence: 3 })();
		expect(await storedReads(db)).toHaveLength(1);
	});

	it('keeps the marks and the "no lesion" answer in the draft, restored by the reading view', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc' });
		await saveDraft(db, reader, assignments[0]!, { marks: [point(1, 1, 2), point(3, 2, 5)] });
		await saveDraft(db, reader, assignments[1]!, { noLesion: true });
		expect((await readingView(db, reader, assignments[0]!)).draft.marks).toEqual([
			point(1, 1, 2),
			point(3, 2, 5)
		]);
		expect((await readingView(db, reader, assignments[1]!)).draft.noLesion).toBe(true);
	});
});

describe('an LROC read', () => {
	it('needs a decision, a confidence and exactly one mark rated with the case confidence', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'lroc' });
		const read = (clientId: string, rest: object) => async () =>
			await submitRead(db, reader, {
				assignment: assignments[0]!,
				clientId,
				decision: 1,
				confidence: 4,
				...rest
			});
		await expect(read('lroc-0001', { marks: [] })()).rejects.toThrow(
			'marks: an LROC read has exactly one mark, on the most suspicious place (this one has 0)'
		);
		await expect(read('lroc-0002', { marks: [point(1, 1, 4), point(2, 2, 4)] })()).rejects.toThrow(
			'this one has 2'
		);
		await expect(read('lroc-0003', { marks: [point(1, 1, 2)] })()).rejects.toThrow(
			'marks.0.confidence: an LROC mark is rated with the case confidence (4)'
		);
		await expect(read('lroc-0004', { marks: [point(1, 1, 4)], noLesion: true })()).rejects.toThrow(
			'noLesion: only a FROC read answers "no lesion"'
		);
		await expect(
			read('lroc-0005', { marks: [point(1, 1, 4)], decision: undefined })()
		).rejects.toThrow('decision: required');
		expect(await storedReads(db)).toEqual([]);
		await read('lroc-0006', { marks: [point(1, 1, 4)], decision: 0 })();
		expect(await storedReads(db)).toEqual([
			{ decision: 0, confidence: 4, marks: [point(1, 1, 4)] }
		]);
	});
});

describe('box marks', () => {
	const box = (x0: number, y0: number, x1: number, y1: number, confidence = 3) => ({
		image: 1,
		x: (x0 + x1) / 2,
		y: (y0 + y1) / 2,
		confidence,
		box: { x0, y0, x1, y1 }
	});

	it('are stored with their box; a box outside the image, a point, or a box off its centre is refused', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc', markShape: 'box' });
		const read = (clientId: string, marks: object[]) => async () =>
			await submitRead(db, reader, {
				assignment: assignments[0]!,
				clientId,
				marks: marks as never
			});
		await expect(read('box-0001', [point(1, 1, 3)])()).rejects.toThrow(
			"marks.0.box: this study's marks are boxes (rating.mark_shape: box)"
		);
		await expect(read('box-0002', [box(1, 1, 4, 2), box(2, 1, 6, 3)])()).rejects.toThrow(
			'marks.1.box: (2, 1)–(6, 3) reaches outside image 1 (6 × 4 pixels)'
		);
		await expect(read('box-0003', [{ ...box(1, 1, 4, 2), x: 1 }])()).rejects.toThrow(
			"marks.0.x: a box mark's x, y is the box's centre"
		);
		await expect(read('box-0004', [box(4, 1, 1, 2)])()).rejects.toThrow(
			'a box needs x0 < x1 and y0 < y1'
		);
		expect(await storedReads(db)).toEqual([]);
		await read('box-0005', [box(1, 1, 4, 2), box(0, 0, 5, 3, 5)])();
		expect(await storedReads(db)).toEqual([
			{ decision: 1, confidence: 5, marks: [box(1, 1, 4, 2), box(0, 0, 5, 3, 5)] }
		]);
	});

	it('are refused in a point study', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc' });
		await expect(
			submitRead(db, reader, {
				assignment: assignments[0]!,
				clientId: 'box-0101',
				marks: [box(1, 1, 4, 2)]
			})
		).rejects.toThrow("marks.0.box: this study's marks are points (rating.mark_shape: point)");
	});
});

describe('a correction of a FROC read', () => {
	it('stores the case values that follow from the corrected marks', async () => {
		const { db, reader, assignments } = await lesionTaskStudy({ task: 'froc' });
		const { readId } = await submitRead(db, reader, {
			assignment: assignments[0]!,
			clientId: 'froc-fix-01',
			marks: [point(1, 1, 5), point(3, 2, 2)]
		});
		// The correction form sends the read's case values as they were; the marks decide.
		await correctRead(db, reader, {
			read: readId,
			decision: 1,
			confidence: 5,
			marks: [point(3, 2, 2)],
			reason: 'The first mark was on an artefact.'
		});
		const second = await correctRead(db, reader, {
			read: readId + 1,
			decision: 1,
			confidence: 2,
			marks: [],
			reason: 'No lesion after all.'
		});
		expect(second.readId).toBe(readId + 2);
		expect(
			(await storedReads(db)).map(({ decision, confidence }) => [decision, confidence])
		).toEqual([
			[1, 5],
			[1, 2],
			[0, 1]
		]);
	});
});
