import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readingView } from './reading.service';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import {
	MAMMOGRAPHY_HANGING_YAML,
	fourViews,
	writeMammograms
} from '$fixtures/mammography-dicom.fixture';
import { FOUR_VIEWS_HUNG } from '$fixtures/hanging-views.fixture';

const YAML = FIXTURE_YAML.replace('endpoints:\n', `${MAMMOGRAPHY_HANGING_YAML}endpoints:\n`);

async function mammographyStudy() {
	const options = twelveCaseOptions(YAML);
	options.writeImages = (dir) => {
		writeMammograms(join(dir, 'images', 'K1'), fourViews('current', '20240105'));
		// K2: a prior study (scanned first) and the current one.
		writeMammograms(join(dir, 'images', 'K2'), [
			...fourViews('prior', '20210310'),
			...fourViews('current', '20240105')
		]);
	};
	const { db, readers } = await enrolledStudy(['site-a', 'site-b'], options);
	const view = async (caseKey: string) => {
		for (const reader of readers) {
			const [assignment] = await readerAssignments(db, reader.email, { caseKey, period: 1 });
			if (assignment) return await readingView(db, reader, assignment.id);
		}
		throw new Error(`no period-1 assignment of ${caseKey}`);
	};
	return { view };
}

describe('readingView hanging', () => {
	it('hangs a four-view mammography case per the protocol: labels, positions, mirror, alignment, sync', async () => {
		const { view } = await mammographyStudy();
		const k1 = await view('K1');
		expect(k1.images).toHaveLength(4);
		expect(k1.hanging).toEqual({
			protocol: 'mammography-4-view',
			label: 'Mammography, four views',
			rows: 2,
			columns: 2,
			synchronise: ['window', 'zoom'],
			series: [],
			viewports: FOUR_VIEWS_HUNG
		});
	});

	it('hangs the current study of a case with a prior, and the payload holds no UID, date or name', async () => {
		const { view } = await mammographyStudy();
		const k2 = await view('K2');
		expect(k2.images).toHaveLength(8);
		expect(k2.hanging?.viewports.map((viewport) => viewport.images)).toEqual([[6], [4], [7], [5]]);
		const payload = JSON.stringify(k2);
		expect(payload).not.toMatch(/2\.25\.\d{6,}/); // UIDs
		expect(payload).not.toMatch(/20240105|20210310|2024|2021/); // study dates
		expect(payload).not.toMatch(/Hanging\^Test|HANG-1/);
	});

	it('leaves a case no hanging protocol applies to as one stack', async () => {
		const { view } = await mammographyStudy();
		expect((await view('K3')).hanging).toBeNull();
	});
});
