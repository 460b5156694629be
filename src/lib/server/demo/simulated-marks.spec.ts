// Simulated reads in a lesion-level demo study: FROC reads answered with rated marks (or "no
// lesion"), LROC reads with one mark rated with the case, box marks where the protocol asks —
// all accepted by the read service, as a reader's would be.
import { sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { simulateReads } from './simulated-reads.service';
import { lesionTaskStudy } from '$fixtures/lesion-task-study.fixture';
import { operatorPrincipal } from '../access/principal';

interface StoredRead {
	decision: number;
	confidence: number;
	marks: Array<{ image: number; x: number; y: number; confidence: number; box?: object }>;
	caseKey: string;
}

async function storedReads(
	db: Awaited<ReturnType<typeof lesionTaskStudy>>['db']
): Promise<StoredRead[]> {
	return (
		(await sqlRows(
			db,
			'SELECT r.decision, r.confidence, r.marks_json AS marks, c.case_key AS "caseKey" FROM reads r JOIN assignments a ON a.id = r.assignment_id JOIN cases c ON c.id = a.case_id'
		)) as Array<Omit<StoredRead, 'marks'> & { marks: string }>
	).map((row) => ({ ...row, marks: JSON.parse(row.marks) as StoredRead['marks'] }));
}

const DISEASED = new Set(['K1', 'K2', 'K5', 'K6', 'K9', 'K10']);

describe('simulated reads in a lesion-level demo study', () => {
	it('answers FROC reads with marks rated 1–5 (most near the lesions) or "no lesion"', async () => {
		const { db } = await lesionTaskStudy({ task: 'froc' });
		const result = await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 3,
			start: new Date('2026-01-05T09:00:00Z')
		});
		expect(result.reads).toBe(24);
		const reads = await storedReads(db);
		expect(reads).toHaveLength(24);
		for (const read of reads) {
			// The stored case values follow from the marks (read-task.ts).
			expect(read.decision).toBe(read.marks.length > 0 ? 1 : 0);
			expect(read.confidence).toBe(Math.max(1, ...read.marks.map((mark) => mark.confidence)));
			for (const mark of read.marks) {
				expect(mark.confidence).toBeGreaterThanOrEqual(1);
				expect(mark.confidence).toBeLessThanOrEqual(5);
				expect(mark.x).toBeLessThanOrEqual(5);
				expect(mark.y).toBeLessThanOrEqual(3);
			}
		}
		// Diseased cases are marked more often than non-diseased ones.
		const markedShare = (diseased: boolean) => {
			const group = reads.filter((read) => DISEASED.has(read.caseKey) === diseased);
			return group.filter((read) => read.marks.length > 0).length / group.length;
		};
		expect(markedShare(true)).toBeGreaterThan(markedShare(false));
	});

	it('answers LROC reads with a decision, a confidence and one mark rated with it', async () => {
		const { db } = await lesionTaskStudy({ task: 'lroc', confidence: 'percent' });
		await simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 4 });
		const reads = await storedReads(db);
		expect(reads).toHaveLength(24);
		for (const read of reads) {
			expect(read.marks).toHaveLength(1);
			expect(read.marks[0]!.confidence).toBe(read.confidence);
		}
	});

	it('draws boxes centred on the mark where the study asks for box marks', async () => {
		const { db } = await lesionTaskStudy({ task: 'froc', markShape: 'box' });
		await simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 5 });
		const marks = (await storedReads(db)).flatMap((read) => read.marks);
		expect(marks.length).toBeGreaterThan(0);
		for (const mark of marks) expect(mark.box).toBeDefined();
	});
});
