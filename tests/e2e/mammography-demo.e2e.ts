// The mammography demo end to end (issue 17, "Done means"): a demo reader opens the next case of
// demo-mammography — four lossless-compressed 3328 × 4096 views — and sees it hung as the study
// declares (R CC, L CC / R MLO, L MLO; the right views mirrored so that every chest wall is on the
// viewport's inner edge), places a mark on the L-MLO view and measures a length there whose mm are
// the pixel distance × the header's spacing (0.07 mm), shown and stored with the read. The demo is
// a FROC study: the mark is the answer, rated on the five-point scale (4 from the keyboard). Reader
// a2 reads no other demo-mammography case in the browser tests (reading.e2e.ts reads demo-crossover).
import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import { query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const READER = 'reader.a2@demo.example.org';
const COLUMNS = 3328;
const ROWS = 4096;

test.use({ viewport: { width: 1600, height: 1200 } });

interface Edges {
	width: number;
	/** Share of the canvas rows whose pixel 2 px inside the inner (chest-wall) edge is tissue. */
	innerTissue: number;
	/** Mean grey of those tissue pixels. */
	innerGrey: number;
	/** Brightest pixel in the outer 3 % of the canvas columns. */
	outerMax: number;
}

/** The canvas along a viewport's inner edge (the side facing the other breast) and its outer edge. */
function edgesOf(viewport: Locator, innerRight: boolean): Promise<Edges | null> {
	return viewport.evaluate((element, right) => {
		const canvas = element.querySelector('canvas');
		if (!canvas || canvas.width === 0) return null;
		const { width, height } = canvas;
		const data = canvas
			.getContext('2d', { willReadFrequently: true })!
			.getImageData(0, 0, width, height).data;
		const inner = right ? width - 3 : 2;
		let tissue = 0;
		let grey = 0;
		let outerMax = 0;
		const band = Math.max(2, Math.round(width * 0.03));
		for (let y = 0; y < height; y++) {
			const value = data[(y * width + inner) * 4]!;
			if (value > 25) {
				tissue += 1;
				grey += value;
			}
			for (let k = 0; k < band; k++) {
				const x = right ? k : width - 1 - k;
				outerMax = Math.max(outerMax, data[(y * width + x) * 4]!);
			}
		}
		return {
			width,
			innerTissue: tissue / height,
			innerGrey: tissue ? grey / tissue : 0,
			outerMax
		};
	}, innerRight);
}

/** PixelSpacing and ImagerPixelSpacing (mm, row then column) from a stored file's header. */
function spacingOf(file: string): { pixel: number[]; imager: number[] } {
	const data = dicomParser.parseDicom(new Uint8Array(readFileSync(file)), {
		untilTag: 'x7fe00010'
	});
	const numbers = (tag: string) => (data.string(tag) ?? '').split('\\').map(Number);
	return { pixel: numbers('x00280030'), imager: numbers('x00181164') };
}

test('a demo mammography case: four views hung as declared, a mark and a length in mm on L-MLO, stored with the read', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signInReader(page, READER);
	await page.goto('/read/next?study=demo-mammography');
	const workstation = new Workstation(page);
	const assignment = await workstation.waitUntilReading();

	// The case is demo-mammography's, and nobody has read it yet.
	const [meta] = await query<{ slug: string; caseId: number; reads: number }>(
		`SELECT st.slug, a.case_id AS "caseId",
		   (SELECT COUNT(*) FROM reads r JOIN assignments o ON o.id = r.assignment_id
		    WHERE o.case_id = a.case_id) AS reads
		 FROM assignments a JOIN reading_sessions s ON s.id = a.session_id
		 JOIN studies st ON st.id = s.study_id WHERE a.public_id = ?`,
		assignment
	);
	expect(meta).toMatchObject({ slug: 'demo-mammography', reads: 0 });
	const images = await query<{ ordinal: number; file: string }>(
		`SELECT i.ordinal, st.source_dir || '/' || i.path AS file FROM images i
		 JOIN cases c ON c.id = i.case_id JOIN studies st ON st.id = c.study_id
		 WHERE i.case_id = ? ORDER BY i.ordinal`,
		meta!.caseId
	);
	expect(images).toHaveLength(4);
	const lmlo = images.find((image) => image.file.endsWith('L-MLO.dcm'))!;
	expect(lmlo, 'the L-MLO image of the case').toBeDefined();

	// Four viewports in the declared order.
	const viewports = page.locator('[data-testid=viewport]');
	await expect(viewports).toHaveCount(4);
	await expect(page.getByTestId('pane-label')).toHaveText(['R CC', 'L CC', 'R MLO', 'L MLO']);
	const viewport = (slot: number) =>
		page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);

	// Every view drawn with its chest wall (bright tissue) on the inner edge: the right views
	// (left column) mirrored onto their right edge, the left views as stored on their left edge;
	// the background beyond the breast is black.
	for (const slot of [0, 1, 2, 3]) {
		const innerRight = slot % 2 === 0;
		await expect
			.poll(async () => (await edgesOf(viewport(slot), innerRight))?.innerTissue ?? 0, {
				timeout: 20_000,
				message: `viewport ${slot} shows tissue on its inner edge`
			})
			.toBeGreaterThan(0.3);
		const edges = (await edgesOf(viewport(slot), innerRight))!;
		expect(edges.innerGrey, `viewport ${slot} tissue grey`).toBeGreaterThan(50);
		expect(edges.outerMax, `viewport ${slot} outer edge`).toBeLessThanOrEqual(5);
	}

	// The L-MLO view (not mirrored, pinned left): image pixel → page point, from the fitted size.
	const box = (await viewport(3).boundingBox())!;
	const scale = Math.min(box.width / COLUMNS, box.height / ROWS);
	const toPage = (x: number, y: number) => ({
		x: box.x + (x + 0.5) * scale,
		y: box.y + (box.height - ROWS * scale) / 2 + (y + 0.5) * scale
	});
	/** One CSS pixel and a half, in image pixels: how near a pointer lands to the point aimed at. */
	const tolerance = 1.5 / scale;

	// A mark inside the breast.
	const markAt = { x: 700, y: 2100 };
	await page.keyboard.press('m');
	const markPoint = toPage(markAt.x, markAt.y);
	await page.mouse.click(markPoint.x, markPoint.y);
	await page.keyboard.press('Escape');
	await expect(viewport(3).locator('..').getByTestId('mark')).toHaveCount(1);
	for (const slot of [0, 1, 2])
		await expect(viewport(slot).locator('..').getByTestId('mark')).toHaveCount(0);

	// A length between two known image points.
	const from: [number, number] = [400, 1200];
	const to: [number, number] = [1900, 2800];
	await page.keyboard.press('l');
	await expect(page.locator('[data-tool="length"]')).toHaveAttribute('aria-pressed', 'true');
	const a = toPage(...from);
	const b = toPage(...to);
	await page.mouse.move(a.x, a.y);
	await page.mouse.down();
	await page.mouse.move(b.x, b.y, { steps: 15 });
	await page.mouse.up();
	const item = page.getByTestId('measurement');
	await expect(item).toHaveCount(1);
	await expect(viewport(3).locator('..').getByTestId('measurement-shape')).toHaveCount(1);
	const shownValue = (await item.getByTestId('measurement-value').textContent())!.trim();
	expect(shownValue).toMatch(/^\d+\.\d\d mm$/);

	// The spacing: both attributes 0.07 mm; PixelSpacing is the one used, as the note says.
	const spacing = spacingOf(lmlo.file);
	expect(spacing.pixel).toEqual([0.07, 0.07]);
	expect(spacing.imager).toEqual([0.07, 0.07]);
	await expect(item.getByTestId('measurement-calibration')).toHaveText('mm from PixelSpacing');
	const aimed = Math.hypot(to[0] - from[0], to[1] - from[1]) * 0.07;
	expect(Math.abs(Number.parseFloat(shownValue) - aimed)).toBeLessThan(2 * tolerance * 0.07);

	// A FROC read: no case decision is asked; the mark, selected (]), is rated 4 (a digit key).
	await expect(page.getByRole('button', { name: /^Present/ })).toHaveCount(0);
	await expect(page.getByTestId('mark-rating')).toHaveText(['3']);
	await page.keyboard.press(']');
	await page.keyboard.press('4');
	await expect(page.getByTestId('mark-rating')).toHaveText(['4']);
	await workstation.submitButton.click();
	const stored = async () =>
		await query<{ marks: string; measurements: string }>(
			`SELECT r.marks_json AS marks, r.measurements_json AS measurements FROM reads r
			 JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?`,
			assignment
		);
	await expect.poll(async () => (await stored()).length, { timeout: 15_000 }).toBe(1);
	const [read] = await stored();

	// The mark: on the L-MLO image's position in the case, where it was placed.
	const marks = JSON.parse(read!.marks) as Array<{
		image: number;
		x: number;
		y: number;
		confidence: number;
	}>;
	expect(marks).toHaveLength(1);
	expect(marks[0]!.image).toBe(lmlo.ordinal);
	expect(marks[0]!.confidence).toBe(4);
	expect(Math.abs(marks[0]!.x - markAt.x)).toBeLessThanOrEqual(tolerance);
	expect(Math.abs(marks[0]!.y - markAt.y)).toBeLessThanOrEqual(tolerance);

	// The length: on L-MLO, its end points where it was drawn, its mm the pixel distance × 0.07,
	// the value the reader saw.
	const measurements = JSON.parse(read!.measurements) as Array<{
		kind: string;
		image: number;
		frame?: number;
		calibration: string;
		points: Array<[number, number]>;
		length: { value: number; unit: string };
	}>;
	expect(measurements).toHaveLength(1);
	const [length] = measurements;
	expect(length).toMatchObject({
		kind: 'length',
		image: lmlo.ordinal,
		calibration: 'PixelSpacing',
		length: { unit: 'mm' }
	});
	expect(length!.frame).toBeUndefined();
	const [[x0, y0], [x1, y1]] = length!.points as [[number, number], [number, number]];
	for (const [got, want] of [
		[x0, from[0]],
		[y0, from[1]],
		[x1, to[0]],
		[y1, to[1]]
	])
		expect(Math.abs(got! - want!)).toBeLessThanOrEqual(tolerance);
	// Stored to 4 decimals.
	expect(length!.length.value).toBeCloseTo(Math.hypot(x1 - x0, y1 - y0) * 0.07, 3);
	expect(`${length!.length.value.toFixed(2)} mm`).toBe(shownValue);
});
