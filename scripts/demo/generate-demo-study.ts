// Generates the synthetic demo case set: cases.csv, truth.csv and images/<case_id>/<NNN>.dcm.
// Deterministic: the same seed gives byte-identical files (seeded sfc32, UIDs derived from the
// seed, no clock). CLI: npx tsx scripts/demo/generate-demo-study.ts [--out DIR] [--seed N] [--cases N]
// [--truth-file NAME]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { casesCsv, truthCsv } from './demo-csv';
import { DEFAULT_SEED, IMAGE_SIZE, planDemoStudy } from './demo-plan';
import { writeSlice } from './dicom-writer';
import { renderCaseSlices } from './render-case';

export { DEFAULT_SEED } from './demo-plan';

export interface GenerateDemoStudyOptions {
	outDir: string;
	seed?: number;
	/** Called after each image is written. */
	onProgress?: (done: number, total: number) => void;
	/** Only the first N cases of the plan (the reference-standard demo's smaller set). */
	cases?: number;
	/**
	 * Where the generator's own truth goes (default truth.csv). The reference-standard demo keeps it
	 * as phantom-truth.csv: its truth is made in Tandem, and its simulated annotators read this.
	 */
	truthFile?: string;
	/**
	 * Image width and height in pixels (default 512). Only for fast tests: the field of view stays
	 * the same, and the CSVs always describe the 512 × 512 images, so use the default for real data.
	 */
	imageSize?: number;
}

/** Writes the case set into `outDir`; returns how many cases and images it wrote. */
export async function generateDemoStudy(
	options: GenerateDemoStudyOptions
): Promise<{ cases: number; images: number }> {
	const seed = options.seed ?? DEFAULT_SEED;
	if (!Number.isSafeInteger(seed) || seed < 0) {
		throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
	}
	const size = options.imageSize ?? IMAGE_SIZE;
	if (!Number.isInteger(size) || size < 32 || size > 2048) {
		throw new RangeError(`imageSize must be an integer from 32 to 2048, got ${size}`);
	}
	const plans = planDemoStudy(seed).slice(0, options.cases);
	if (plans.length === 0) throw new RangeError(`cases must be at least 1, got ${options.cases}`);
	const total = plans.reduce((sum, plan) => sum + plan.slices, 0);
	const markerPath = join(options.outDir, 'images', 'generation.json');
	await rm(markerPath, { force: true }); // until this run completes, the set is not complete
	let done = 0;
	for (const plan of plans) {
		// Replace the case folder as a whole, so a re-run never leaves slices of an older run behind.
		const caseDir = join(options.outDir, 'images', plan.caseId);
		await rm(caseDir, { recursive: true, force: true });
		await mkdir(caseDir, { recursive: true });
		const grid = { size, spacingMm: plan.vendor.fieldOfViewMm / size };
		let instance = 0;
		for (const pixels of renderCaseSlices(plan, grid)) {
			instance += 1;
			const bytes = writeSlice({ plan, seed, grid, instance, pixels });
			await writeFile(join(caseDir, `${String(instance).padStart(3, '0')}.dcm`), bytes);
			done += 1;
			options.onProgress?.(done, total);
		}
	}
	await writeFile(join(options.outDir, 'cases.csv'), casesCsv(plans));
	await writeFile(join(options.outDir, options.truthFile ?? 'truth.csv'), truthCsv(plans));
	// Written last: its presence says the image set is complete (for a first-start check).
	const marker = {
		generator: 'scripts/demo/generate-demo-study.ts',
		seed,
		imageSize: size,
		cases: plans.length,
		images: total
	};
	await writeFile(markerPath, `${JSON.stringify(marker, null, '\t')}\n`);
	return { cases: plans.length, images: total };
}

const DEFAULT_OUT_DIR = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'../../studies/demo-crossover'
);

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			out: { type: 'string' },
			seed: { type: 'string' },
			cases: { type: 'string' },
			'truth-file': { type: 'string' }
		},
		strict: true
	});
	if (values.seed !== undefined && !/^\d{1,15}$/.test(values.seed)) {
		throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
	}
	const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
	if (values.cases !== undefined && !/^[1-9]\d{0,3}$/.test(values.cases)) {
		throw new Error(`--cases must be a positive integer, got "${values.cases}"`);
	}
	const cases = values.cases === undefined ? undefined : Number(values.cases);
	const outDir = values.out === undefined ? DEFAULT_OUT_DIR : resolve(values.out);
	const started = performance.now();
	const result = await generateDemoStudy({
		outDir,
		seed,
		cases,
		truthFile: values['truth-file'],
		onProgress: progressPrinter()
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const summary = `${result.cases} cases, ${result.images} images (seed ${seed})`;
	process.stderr.write(`demo: wrote ${summary} to ${outDir} in ${seconds} s\n`);
}

/** Progress on stderr: one rewritten line on a terminal, a line per 10 % otherwise. */
function progressPrinter(): (done: number, total: number) => void {
	const terminal = process.stderr.isTTY;
	let lastShown = -1;
	return (done, total) => {
		const percent = Math.floor((100 * done) / total);
		if (percent === lastShown || (!terminal && percent % 10 !== 0)) return;
		lastShown = percent;
		const line = `demo: ${done}/${total} images (${percent} %)`;
		process.stderr.write(terminal ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}
