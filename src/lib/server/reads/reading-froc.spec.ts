// The workstation's view of a FROC case: the AI's candidate boxes with their scores in an aided
// read, nothing of the AI in an unaided one, and never the truth or its lesions.
import { describe, expect, it } from 'vitest';
import { readingView } from './reading.service';
import { lesionTaskStudy } from '$fixtures/lesion-task-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { insertAiResult } from '$fixtures/scored-cases.fixture';

describe('a FROC case on the workstation', () => {
	it('shows the AI boxes with their scores in an aided read only, and no truth lesions', async () => {
		const { db, reader } = await lesionTaskStudy({ task: 'froc' });
		const boxes = [
			{ image: 1, x: 1, y: 1, width: 2, height: 2, score: 0.9 },
			{ image: 1, x: 3, y: 1, width: 2, height: 2, score: 0.7 }
		];
		for (let index = 1; index <= 12; index++)
			await insertAiResult(db, `K${index}`, 0.9, JSON.stringify({ heatmap: null, boxes }));
		const period1 = await readerAssignments(db, reader.email, { period: 1 });
		const view = async (arm: string) =>
			await readingView(db, reader, period1.find((assignment) => assignment.arm === arm)!.id);
		const [aided, unaided] = [await view('aided'), await view('unaided')];
		expect(aided.rating.task).toBe('froc');
		expect(aided.ai).toMatchObject({ status: 'done', boxes });
		expect(unaided.ai).toBeNull();
		expect(JSON.stringify(unaided)).not.toMatch(/score|heatmap|threshold/);
		for (const shown of [aided, unaided])
			expect(JSON.stringify(shown)).not.toMatch(/truth|lesions\.csv|K\d+|case_key/);
	});
});
