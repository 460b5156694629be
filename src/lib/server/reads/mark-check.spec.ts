// Lesion marks are checked against the case's images as they are served: an image the case has,
// and a position inside that image's rows and columns (from the stored file's header).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { saveDraft } from './reading.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';

/** The fixture study with lesion marks, each case one 6 × 4 (columns × rows) image. */
async function markedStudy() {
	const options = twelveCaseOptions(
		FIXTURE_YAML.replace('  confidence: percent\n', '  confidence: percent\n  lesion_marks: true\n')
	);
	const dir = makeStudyFolder(options);
	for (const [index, key] of (options.imageFolders ?? []).entries())
		writeFileSync(
			join(dir, 'images', key, '001.dcm'),
			tinyDicom({ rows: 4, columns: 6, values: Array.from({ length: 24 }, () => index) })
		);
	const folder = readStudyFolder(dir);
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	const db = testDatabase();
	loadStudy(db, operatorPrincipal(), folder.folder);
	const email = 'marker@site-a.org';
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: 'Marker',
		role: 'reader',
		study: 'mini-study',
		site: 'site-a',
		password: 'long enough password'
	});
	const reader: UserPrincipal = { kind: 'user', userId, email, name: 'Marker' };
	return { db, reader, assignments: readerAssignmentIds(db, email, { period: 1 }) };
}

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
		expect(() => submitRead(db, reader, read('marks-0001', [mark(999, 1, 1)]))).toThrow(
			'marks.0.image: this case has 1 image'
		);
		expect(() =>
			submitRead(db, reader, read('marks-0002', [mark(1, 2, 2), mark(1, 99_999, 99_999)]))
		).toThrow('marks.1: (99999, 99999) is outside image 1 (6 × 4 pixels)');
		expect(() => submitRead(db, reader, read('marks-0003', [mark(1, 6, 0)]))).toThrow(
			'marks.0: (6, 0) is outside image 1 (6 × 4 pixels)'
		);
		expect(() =>
			saveDraft(db, reader, assignments[1]!, { marks: [mark(999, 99_999, 99_999)] })
		).toThrow('draft: marks.0.image: this case has 1 image');
		expect(db.$client.prepare('SELECT count(*) AS n FROM reads').get()).toEqual({ n: 0 });

		submitRead(db, reader, read('marks-0004', [mark(1, 0, 0), mark(1, 5, 3)]));
		expect(db.$client.prepare('SELECT marks_json AS marks FROM reads').get()).toEqual({
			marks: JSON.stringify([mark(1, 0, 0), mark(1, 5, 3)])
		});
	});
});
