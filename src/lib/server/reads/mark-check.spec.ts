// Lesion marks are checked against the case's images as they are served: an image the case has,
// a frame that image has (multi-frame), and a position inside that image's rows and columns (from
// the stored file's header).
import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { readingView, saveDraft } from './reading.service';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { tinyImageStudy } from '$fixtures/tiny-image-study.fixture';

/** The fixture study with lesion marks on tiny images (tiny-image-study.fixture.ts). */
const markedStudy = (multiFrame = false) =>
	tinyImageStudy(
		FIXTURE_YAML.replace(
			'  confidence: percent\n',
			'  confidence: percent\n  lesion_marks: true\n'
		),
		{ multiFrame }
	);

const mark = (image: number, x: number, y: number) => ({ image, x, y, confidence: 60 });

describe('lesion marks', () => {
	it('are refused on an image the case does not have, or outside the image', async () => {
		const { db, reader, assignments } = await markedStudy();
		const read = (clientId: string, marks: ReturnType<typeof mark>[]) => ({
			assignment: assignments[0]!,
			clientId,
			decision: 1 as const,
			confidence: 70,
			marks
		});
		await expect(submitRead(db, reader, read('marks-0001', [mark(999, 1, 1)]))).rejects.toThrow(
			'marks.0.image: this case has 1 image'
		);
		await expect(
			submitRead(db, reader, read('marks-0002', [mark(1, 2, 2), mark(1, 99_999, 99_999)]))
		).rejects.toThrow('marks.1: (99999, 99999) is outside image 1 (6 × 4 pixels)');
		await expect(submitRead(db, reader, read('marks-0003', [mark(1, 6, 0)]))).rejects.toThrow(
			'marks.0: (6, 0) is outside image 1 (6 × 4 pixels)'
		);
		await expect(
			saveDraft(db, reader, assignments[1]!, { marks: [mark(999, 99_999, 99_999)] })
		).rejects.toThrow('draft: marks.0.image: this case has 1 image');
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 0 });

		await submitRead(db, reader, read('marks-0004', [mark(1, 0, 0), mark(1, 5, 3)]));
		expect(await sqlRow(db, 'SELECT marks_json AS marks FROM reads')).toEqual({
			marks: JSON.stringify([mark(1, 0, 0), mark(1, 5, 3)])
		});
	});

	it('on a multi-frame image name a frame it has; the reading view gives each image its frames', async () => {
		const { db, reader, assignments } = await markedStudy(true);
		const view = await readingView(db, reader, assignments[0]!);
		expect(view.images).toHaveLength(1);
		expect(view.frames).toEqual([3]);
		expect(view.next?.frames).toEqual([3]);
		const framed = (frame: number) => ({ ...mark(1, 10, 20), frame });
		const read = (clientId: string, marks: ReturnType<typeof framed>[]) => ({
			assignment: assignments[0]!,
			clientId,
			decision: 1 as const,
			confidence: 70,
			marks
		});
		await expect(submitRead(db, reader, read('frames-0001', [framed(4)]))).rejects.toThrow(
			'marks.0.frame: image 1 has 3 frames'
		);
		await expect(saveDraft(db, reader, assignments[1]!, { marks: [framed(0)] })).rejects.toThrow(
			'expected number to be >=1'
		);
		await submitRead(db, reader, read('frames-0002', [framed(3), framed(1)]));
		const stored = (await sqlRow(db, 'SELECT marks_json AS marks FROM reads')) as {
			marks: string;
		};
		expect(JSON.parse(stored.marks)).toEqual([framed(3), framed(1)]);
	});

	it('name no frame past 1 on a single-frame image', async () => {
		const { db, reader, assignments } = await markedStudy();
		expect((await readingView(db, reader, assignments[0]!)).frames).toEqual([1]);
		await expect(
			submitRead(db, reader, {
				assignment: assignments[0]!,
				clientId: 'frames-0003',
				decision: 1,
				confidence: 70,
				marks: [{ ...mark(1, 1, 1), frame: 2 }]
			})
		).rejects.toThrow('marks.0.frame: image 1 is a single-frame image');
	});
});
