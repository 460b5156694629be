// Every file of the DICOM conformance set (tests/fixtures/dicom-conformance.fixture.ts: each
// transfer syntax × photometric interpretation × bit depth, multi-frame, colour) loaded as a case
// of its own study and opened at the real reading workstation: with a window covering the whole
// value range, known pixels must show the grey (or colour) their stored values stand for — the
// orientation block top-left, MONOCHROME1 inverted, colour channels in order, each frame of a
// multi-frame object a slice of its own. One page visit per case; no read is submitted.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	buildConformanceSet,
	conformancePaletteRgb,
	type ConformanceFile
} from '$fixtures/dicom-conformance.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { query } from './database.fixture';
import { e2eCli } from './trial-study.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const SLUG = `conformance-${Date.now().toString(36)}`;
const READER = `${SLUG}.reader@x.org`;
const PASSWORD = 'reader password 123';

/** Windows covering each original's whole modality value range (stored × slope + intercept). */
const PRESETS = [
	{ name: 'full-8', center: 127.5, width: 255 },
	{ name: 'full-12', center: 2047.5, width: 4095 },
	{ name: 'full-14', center: 8191.5, width: 16383 },
	{ name: 'full-s16', center: -1024.5, width: 65535 }
];

function presetFor(file: ConformanceFile): (typeof PRESETS)[number] {
	const { bitsStored, signed } = file.original;
	return PRESETS.find((preset) => preset.name === `full-${signed ? 's' : ''}${bitsStored}`)!;
}

/** Pixels sampled: the orientation block, then ramp and wave positions across the image. */
const SAMPLES: Array<[number, number]> = [
	[2, 2],
	[20, 10],
	[30, 20],
	[45, 30],
	[12, 35],
	[50, 5],
	[40, 15]
];

/** What the display must show at (x, y) of a frame: [r, g, b]. */
function expected(file: ConformanceFile, frame: number, x: number, y: number): number[] {
	const { original } = file;
	const at = (y * original.columns + x) * original.samples;
	const values = original.values[frame]!;
	if (original.photometric === 'RGB') return [values[at]!, values[at + 1]!, values[at + 2]!];
	if (original.photometric === 'PALETTE COLOR') return conformancePaletteRgb(values[at]!);
	const { center, width } = presetFor(file);
	const modality =
		values[at]! * (original.rescale?.slope ?? 1) + (original.rescale?.intercept ?? 0);
	const unit = Math.min(1, Math.max(0, (modality - (center - width / 2)) / width));
	const grey = Math.round(255 * (original.photometric === 'MONOCHROME1' ? 1 - unit : unit));
	return [grey, grey, grey];
}

/**
 * Display levels a sample may be off by: rendering rounding, plus the codec's bound when lossy.
 * The bound is the fixture's, for a decoder against the original; the lossy JPEG files as dcmcjpeg
 * writes them are a little further off than it (dcmdjpeg decodes jpegBaseline__mono2-u8 37 levels
 * off the original at worst, bound 31), and the viewer shows what the file holds, so a quarter
 * more is allowed here.
 */
function tolerance(file: ConformanceFile): number {
	return 4 + Math.ceil(((1.25 * file.maxError) / (2 ** file.original.bitsStored - 1)) * 255);
}

interface Mapping {
	/** Canvas CSS pixel = offset + scale × image pixel (centres on integers). */
	scale: number;
	offset: [number, number];
}

/** The image → canvas mapping of the fitted view, from two marks placed with the mouse. */
async function measureMapping(page: Page, workstation: Workstation): Promise<Mapping> {
	const box = (await workstation.viewport.boundingBox())!;
	const { x, y } = await workstation.centre();
	const clicks: Array<[number, number]> = [
		[-120, -80],
		[120, 80]
	];
	for (const [dx, dy] of clicks) await workstation.placeMark(dx, dy);
	await expect(workstation.marks).toHaveCount(2);
	const first = await workstation.markPosition(0);
	const second = await workstation.markPosition(1);
	const scale = 240 / (second.x - first.x);
	expect(Math.abs(160 / (second.y - first.y) - scale), 'square pixels').toBeLessThan(0.5);
	// Clear the marks again (selected mark → Delete).
	await page.keyboard.press('Delete');
	await workstation.marks.first().click();
	await page.keyboard.press('Delete');
	return {
		scale,
		offset: [x - box.x - 120 - scale * first.x, y - box.y - 80 - scale * first.y]
	};
}

/** The canvas's RGB at each sample's image position. */
async function sample(
	workstation: Workstation,
	mapping: Mapping,
	points: Array<[number, number]>
): Promise<number[][]> {
	const at = points.map(([x, y]) => [
		mapping.offset[0] + mapping.scale * x,
		mapping.offset[1] + mapping.scale * y
	]);
	return workstation.viewport.evaluate((element, positions) => {
		const canvas = element.querySelector('canvas')!;
		const ratio = canvas.width / canvas.clientWidth;
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		return positions.map(([x, y]) =>
			Array.from(
				context.getImageData(Math.floor(x! * ratio), Math.floor(y! * ratio), 1, 1).data.slice(0, 3)
			)
		);
	}, at);
}

/** Moves to another case as the workstation does (client-side), keeping the loaded viewer. */
async function openClientSide(page: Page, href: string): Promise<void> {
	await page.evaluate((target) => {
		const link = document.createElement('a');
		link.href = target;
		document.querySelector('main')!.append(link);
		link.click();
		link.remove();
	}, href);
}

function studyYaml(): string {
	const presets = PRESETS.map(
		(preset) => `    - { name: ${preset.name}, center: ${preset.center}, width: ${preset.width} }`
	);
	return FIXTURE_YAML.replace('slug: mini-study', `slug: ${SLUG}`)
		.replace('  confidence: percent', '  confidence: percent\n  lesion_marks: true')
		.replace('reading:\n', ['reading:', '  window_presets:', ...presets, ''].join('\n'));
}

test('every conformance file shows its stored values at the reading workstation', async ({
	page
}) => {
	test.setTimeout(240_000);
	const dir = mkdtempSync(join(tmpdir(), 'tandem-conformance-'));
	const { files } = buildConformanceSet(dir);
	const key = (index: number) => `C${String(index + 1).padStart(3, '0')}`;
	writeFileSync(join(dir, 'study.yaml'), studyYaml());
	writeFileSync(
		join(dir, 'cases.csv'),
		[
			'case_id,images,site,vendor',
			...files.map((file, index) => `${key(index)},cases/${file.name},site-a,ge`)
		].join('\n') + '\n'
	);
	writeFileSync(
		join(dir, 'truth.csv'),
		['case_id,truth', ...files.map((_, index) => `${key(index)},${index % 2}`)].join('\n') + '\n'
	);
	e2eCli(['study', 'load', dir]);
	e2eCli(
		['reader', 'enrol', '--study', SLUG, '--site', 'site-a', '--email', READER, '--password-stdin'],
		PASSWORD
	);
	const assignments = new Map(
		(
			await query<{ id: string; caseKey: string }>(
				`SELECT a.public_id AS id, c.case_key AS "caseKey" FROM assignments a
			 JOIN reading_sessions s ON s.id = a.session_id JOIN cases c ON c.id = a.case_id
			 JOIN studies st ON st.id = c.study_id
			 WHERE st.slug = ? AND s.period = 1`,
				SLUG
			)
		).map((row) => [row.caseKey, row.id])
	);
	expect(assignments.size).toBe(files.length);

	await signInReader(page, READER, PASSWORD);
	const workstation = new Workstation(page);
	const slice = page.getByTestId('slice');
	const invert = page.getByRole('button', { name: /Invert/ });
	let mapping: Mapping | null = null;
	let markedFrames = false;
	const failures: string[] = [];
	for (const [index, file] of files.entries()) {
		const assignment = assignments.get(key(index))!;
		if (index === 0) await page.goto(`/read/${assignment}`);
		else await openClientSide(page, `/read/${assignment}`);
		try {
			await expect(workstation.root).toHaveAttribute('data-assignment', assignment);
			// The image drawn (the clock runs) or the viewer's complaint, whichever comes first.
			await page
				.locator('.workstation[data-clock=running], .workstation [role=alert]')
				.first()
				.waitFor({ timeout: 8_000 });
			await expect(workstation.root).toHaveAttribute('data-clock', 'running', { timeout: 100 });
		} catch {
			const problem = await page.getByRole('alert').allTextContents();
			failures.push(`${file.name}: not shown ${problem.join(' ')}`);
			continue;
		}
		mapping ??= await measureMapping(page, workstation);
		const { frames } = file.original;
		if ((await slice.textContent()) !== `1 / ${frames}`) {
			failures.push(`${file.name}: slices ${await slice.textContent()}, not 1 / ${frames}`);
			continue;
		}
		await page.getByRole('button', { name: presetFor(file).name }).click();
		// MONOCHROME1 is shown inverted by default; the invert toggle is off until the reader uses it.
		await expect(invert).toHaveAttribute('aria-pressed', 'false');
		for (let frame = 0; frame < frames; frame++) {
			if (frame > 0) {
				await page.keyboard.press('ArrowDown');
				await expect(slice).toHaveText(`${frame + 1} / ${frames}`);
			}
			const want = SAMPLES.map(([x, y]) => expected(file, frame, x, y));
			const check = async () => {
				const got = await sample(workstation, mapping!, SAMPLES);
				return got.flatMap((rgb, point) =>
					rgb.some((value, channel) => Math.abs(value - want[point]![channel]!) > tolerance(file))
						? [`(${SAMPLES[point]!.join(',')}) ${rgb.join('/')} ≠ ${want[point]!.join('/')}`]
						: []
				);
			};
			let wrong = await check();
			// A slice or window just changed: give the renderer a moment before judging.
			for (let retry = 0; retry < 10 && wrong.length > 0; retry++) {
				await page.waitForTimeout(100);
				wrong = await check();
			}
			if (wrong.length > 0) console.log(`${file.name} frame ${frame + 1}: ${wrong.join('; ')}`);
			if (wrong.length > 0)
				failures.push(`${file.name} frame ${frame + 1}: ${wrong.slice(0, 3).join('; ')}`);
			// A mark placed on the second frame belongs to it: shown there, not on the others.
			if (frame === 1 && !markedFrames) {
				markedFrames = true;
				await workstation.placeMark(10, 10);
				await expect(workstation.marks).toHaveCount(1);
				await page.keyboard.press('ArrowUp');
				await expect(slice).toHaveText(`1 / ${frames}`);
				await expect(workstation.marks).toHaveCount(0);
				await page.keyboard.press('ArrowDown');
				await expect(workstation.marks).toHaveCount(1);
				// Selected from the keyboard ([: the last mark), then deleted.
				await page.keyboard.press('[');
				await page.keyboard.press('Delete');
				await expect(workstation.marks).toHaveCount(0);
			}
		}
	}
	expect(failures, failures.join('\n')).toEqual([]);
});
