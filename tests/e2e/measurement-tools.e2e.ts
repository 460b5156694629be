// Measuring on the demo CT: a length between two known image points in mm from the image's
// PixelSpacing, with its calibration note, and a rectangle ROI whose mean is in HU, both stored
// with the read (the ROI also as a lesion mark with its confidence: rating.measurement_marks).
// Expected values are computed here from the DICOM file itself. The study is this test's own
// (its slug, its reader), on copies of demo CT images, so no other browser test is disturbed.
import { expect, test } from '@playwright/test';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { query } from './database.fixture';
import { DEMO, DEMO_PASSWORD } from './session.fixture';
import { e2eCli } from './trial-study.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const SLUG = 'measure-e2e';
const READER = `${SLUG}.reader@x.org`;
const PASSWORD = 'reader password 123';

/** The study on demo CT images (one per case), once per e2e database; the demo image files used. */
async function loadMeasuredStudy(): Promise<void> {
	if ((await query('SELECT id FROM studies WHERE slug = ?', SLUG)).length > 0) return;
	const demo = await query<{ file: string }>(
		`SELECT s.source_dir || '/' || i.path AS file FROM images i JOIN cases c ON c.id = i.case_id
		 JOIN studies s ON s.id = c.study_id WHERE s.slug = 'demo-crossover' ORDER BY i.id LIMIT 12`
	);
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${SLUG}`).replace(
		'  confidence: percent\n',
		'  confidence: percent\n  lesion_marks: true\n  measurement_marks: true\n'
	);
	const options = twelveCaseOptions(yaml);
	const dir = makeStudyFolder(options);
	(options.imageFolders ?? []).forEach((key, index) =>
		copyFileSync(demo[index]!.file, join(dir, 'images', key, '001.dcm'))
	);
	e2eCli(['study', 'load', dir]);
	e2eCli(
		['reader', 'enrol', '--study', SLUG, '--site', 'site-a', '--email', READER, '--password-stdin'],
		PASSWORD
	);
	e2eCli([
		'user',
		'add',
		'--study',
		SLUG,
		'--email',
		DEMO.admin,
		'--name',
		'admin',
		'--role',
		'admin'
	]);
	e2eCli(
		[
			...['cases', 'freeze', '--study', SLUG, '--reason', 'test set checked', '--accept-warnings'],
			...['--as', DEMO.admin, '--meaning', 'approved']
		],
		'',
		{ TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD }
	);
}

interface Ct {
	columns: number;
	rows: number;
	/** PixelSpacing: between rows, between columns (mm). */
	spacing: [number, number];
	hu: (x: number, y: number) => number;
}

function readCt(file: string): Ct {
	const bytes = readFileSync(file);
	const data = dicomParser.parseDicom(new Uint8Array(bytes));
	const [row, column] = data.string('x00280030')!.split('\\').map(Number);
	const columns = data.uint16('x00280011')!;
	const slope = Number(data.string('x00281053') ?? 1);
	const intercept = Number(data.string('x00281052') ?? 0);
	const element = data.elements['x7fe00010']!;
	const signed = data.uint16('x00280103') === 1;
	const view = new DataView(bytes.buffer, bytes.byteOffset + element.dataOffset, element.length);
	return {
		columns,
		rows: data.uint16('x00280010')!,
		spacing: [row!, column!],
		hu: (x, y) => {
			const offset = 2 * (y * columns + x);
			const stored = signed ? view.getInt16(offset, true) : view.getUint16(offset, true);
			return stored * slope + intercept;
		}
	};
}

test('a length in mm from PixelSpacing and an ROI mean in HU are shown, stored with the read and read back', async ({
	page
}) => {
	test.setTimeout(120_000);
	await loadMeasuredStudy();
	const [assignment] = await query<{ id: string; file: string }>(
		`SELECT a.public_id AS id, st.source_dir || '/' || i.path AS file
		 FROM assignments a JOIN reading_sessions s ON s.id = a.session_id
		 JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id
		 JOIN images i ON i.case_id = a.case_id JOIN studies st ON st.id = s.study_id
		 WHERE u.email = ? AND s.period = 1 AND a.arm = 'unaided' ORDER BY s.session_index, a.position LIMIT 1`,
		READER
	);
	expect(assignment, 'an unaided assignment').toBeDefined();
	const ct = readCt(assignment!.file);

	await signInReader(page, READER, PASSWORD);
	await page.goto(`/read/${assignment!.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(assignment!.id);

	// The fitted image: centred, its longer side filling the viewport's shorter one.
	const box = (await workstation.viewport.boundingBox())!;
	const scale = Math.min(box.width / ct.columns, box.height / ct.rows);
	const toPage = (x: number, y: number) => ({
		x: box.x + (box.width - ct.columns * scale) / 2 + (x + 0.5) * scale,
		y: box.y + (box.height - ct.rows * scale) / 2 + (y + 0.5) * scale
	});
	const drag = async (from: [number, number], to: [number, number]) => {
		const a = toPage(...from);
		const b = toPage(...to);
		await page.mouse.move(a.x, a.y);
		await page.mouse.down();
		await page.mouse.move(b.x, b.y, { steps: 12 });
		await page.mouse.up();
	};

	await page.keyboard.press('l');
	await expect(page.locator('[data-tool="length"]')).toHaveAttribute('aria-pressed', 'true');
	await drag([156, 256], [356, 256]);
	const items = page.getByTestId('measurement');
	await expect(items).toHaveCount(1);

	await page.getByRole('button', { name: /Rectangle$/ }).click();
	await drag([200, 200], [260, 240]);
	await expect(items).toHaveCount(2);
	await page.getByLabel('Lesion mark confidence of measurement 2').fill('80');

	const stored = async () =>
		await query<{ m: string }>(
			`SELECT r.measurements_json AS m FROM reads r JOIN assignments a ON a.id = r.assignment_id
			 WHERE a.public_id = ?`,
			assignment!.id
		);
	await workstation.rate('present', 70);
	await workstation.submitButton.click();
	await expect.poll(async () => (await stored()).length, { timeout: 10_000 }).toBe(1);
	const [length, roi] = JSON.parse((await stored())[0]!.m) as Array<{
		points: number[][];
		length: { value: number };
		mean: { value: number };
	}>;

	// The length: its points where it was drawn (within a pixel or two), its mm from PixelSpacing.
	const [[x0, y0], [x1, y1]] = length!.points as [number[], number[]];
	for (const [got, want] of [
		[x0, 156],
		[y0, 256],
		[x1, 356],
		[y1, 256]
	])
		expect(Math.abs(got! - want!)).toBeLessThan(2.5);
	const mm = Math.hypot((x1! - x0!) * ct.spacing[1], (y1! - y0!) * ct.spacing[0]);
	expect(length).toMatchObject({
		kind: 'length',
		image: 1,
		calibration: 'PixelSpacing',
		length: { unit: 'mm' }
	});
	expect(length!.length.value).toBeCloseTo(mm, 3);
	expect(mm).toBeCloseTo(200 * ct.spacing[1], -0.5);

	// The ROI: its mean in HU over the pixel centres inside it, from the file's own pixels.
	const [[rx0, ry0], [rx1, ry1]] = roi!.points as [number[], number[]];
	const values: number[] = [];
	for (let y = Math.ceil(ry0!); y <= Math.floor(ry1!); y++)
		for (let x = Math.ceil(rx0!); x <= Math.floor(rx1!); x++) values.push(ct.hu(x, y));
	const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
	expect(roi).toMatchObject({
		kind: 'rectangle',
		calibration: 'PixelSpacing',
		mean: { unit: 'HU' },
		pixels: values.length,
		confidence: 80
	});
	expect(roi!.mean.value).toBeCloseTo(mean, 3);
	expect(values.length).toBeGreaterThan(1000);
});

test('the calibration note and value are shown as measured, and a measurement can be deleted', async ({
	page
}) => {
	test.setTimeout(90_000);
	await loadMeasuredStudy();
	const [assignment] = await query<{ id: string }>(
		`SELECT a.public_id AS id FROM assignments a JOIN reading_sessions s ON s.id = a.session_id
		 JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id
		 WHERE u.email = ? AND s.period = 1 AND a.arm = 'unaided'
		   AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.assignment_id = a.id)
		 ORDER BY s.session_index, a.position LIMIT 1`,
		READER
	);
	await signInReader(page, READER, PASSWORD);
	await page.goto(`/read/${assignment!.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(assignment!.id);
	await page.keyboard.press('l');
	await workstation.drag('left', 120, 0);
	const item = page.getByTestId('measurement');
	await expect(item).toHaveCount(1);
	await expect(item.getByTestId('measurement-value')).toHaveText(/^\d+\.\d\d mm$/);
	await expect(item.getByTestId('measurement-calibration')).toHaveText('mm from PixelSpacing');
	await expect(page.getByTestId('measurement-shape')).toHaveCount(1);
	await page.getByRole('button', { name: 'Delete measurement 1' }).click();
	await expect(item).toHaveCount(0);
	await expect(page.getByTestId('measurement-shape')).toHaveCount(0);
});
