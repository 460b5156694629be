// Standalone performance of the committed demo model on the demo study (AI-4), through the real
// inference pool: empirical (Wilcoxon) AUC, sensitivity and specificity at the manifest's
// threshold, per vendor too, and how often the box lands on the lesion. The demo study's images
// must exist (npm run demo:generate).  npx tsx scripts/demo/model/evaluate-demo-model.ts [--threads N]
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
	createInferencePool,
	type InferenceOutput
} from '../../../src/lib/server/ai/inference/pool';
import { sha256Hex } from '../../../src/lib/server/ai/inference/model-session';
import { parseModelManifest } from '../../../src/lib/server/ai/inference/manifest';
import { empiricalAuc } from '../../../src/lib/stats/fom/empirical-auc';
import { MANIFEST_FILE, MODEL_FILE } from './build-demo-model';
import { operatingPoint } from './demo-detector-kit';

export const STUDY_DIR = resolve(MODEL_FILE, '../..');

interface TruthRow {
	caseId: string;
	truth: number;
	slice: number | null;
	x: number | null;
	y: number | null;
}

async function readCsv(path: string): Promise<Array<Record<string, string>>> {
	const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
	const names = (header as string).split(',');
	return lines.map((line) =>
		Object.fromEntries(line.split(',').map((value, index) => [names[index], value]))
	);
}

export async function readDemoTruth(
	studyDir = STUDY_DIR
): Promise<Array<TruthRow & { vendor: string }>> {
	const vendors = new Map(
		(await readCsv(join(studyDir, 'cases.csv'))).map((row) => [row.case_id, row.vendor ?? ''])
	);
	const number = (value: string | undefined): number | null => (value ? Number(value) : null);
	return (await readCsv(join(studyDir, 'truth.csv'))).map((row) => ({
		caseId: row.case_id as string,
		truth: Number(row.truth),
		slice: number(row.lesion_slice),
		x: number(row.lesion_x),
		y: number(row.lesion_y),
		vendor: vendors.get(row.case_id as string) ?? ''
	}));
}

/** Absolute paths of a demo case's DICOM files, instance order. */
export async function demoCaseImages(caseId: string, studyDir = STUDY_DIR): Promise<string[]> {
	const folder = join(studyDir, 'images', caseId);
	return (await readdir(folder))
		.filter((name) => name.endsWith('.dcm'))
		.sort()
		.map((name) => join(folder, name));
}

/** Whether the box contains the lesion centre on its centre slice (a lenient localisation check). */
function boxHits(output: InferenceOutput, row: TruthRow): boolean {
	const box = output.boxes?.[0];
	if (!box || row.x === null || row.y === null) return false;
	const inside =
		row.x + 0.5 >= box.x &&
		row.x + 0.5 <= box.x + box.width &&
		row.y + 0.5 >= box.y &&
		row.y + 0.5 <= box.y + box.height;
	return inside && box.image === row.slice;
}

export async function evaluateDemoModel(options: { threads?: number; studyDir?: string } = {}) {
	const studyDir = options.studyDir ?? STUDY_DIR;
	if (!existsSync(join(studyDir, 'images', 'generation.json'))) {
		throw new Error(`the demo images are missing in ${studyDir}/images: run npm run demo:generate`);
	}
	const manifest = parseModelManifest(
		JSON.parse(await readFile(MANIFEST_FILE, 'utf8')),
		MANIFEST_FILE
	);
	const modelSha256 = sha256Hex(await readFile(MODEL_FILE));
	const rows = await readDemoTruth(studyDir);
	const pool = createInferencePool({ threads: options.threads });
	try {
		const outputs = await Promise.all(
			rows.map(async (row) =>
				pool.run({
					modelPath: MODEL_FILE,
					modelSha256,
					manifest,
					images: await demoCaseImages(row.caseId, studyDir)
				})
			)
		);
		const summary = (subset: number[]) => {
			const scores = subset.map((index) => (outputs[index] as InferenceOutput).score);
			const truth = subset.map((index) => (rows[index] as TruthRow).truth);
			const auc = empiricalAuc(Float64Array.from(scores), Uint8Array.from(truth));
			return { cases: subset.length, auc, ...operatingPoint(scores, truth, manifest.threshold) };
		};
		const all = rows.map((_, index) => index);
		const vendors = [...new Set(rows.map((row) => row.vendor))].sort();
		const positives = all.filter((index) => (rows[index] as TruthRow).truth === 1);
		return {
			modelSha256,
			threshold: manifest.threshold,
			overall: summary(all),
			byVendor: Object.fromEntries(
				vendors.map((vendor) => [
					vendor,
					summary(all.filter((index) => rows[index]?.vendor === vendor))
				])
			),
			boxOnLesion: positives.filter((index) =>
				boxHits(outputs[index] as InferenceOutput, rows[index] as TruthRow)
			).length,
			positives: positives.length,
			meanLatencyMs: outputs.reduce((sum, output) => sum + output.latencyMs, 0) / outputs.length,
			meanPreprocessMs:
				outputs.reduce((sum, output) => sum + output.preprocessMs, 0) / outputs.length
		};
	} finally {
		await pool.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const { values } = parseArgs({ options: { threads: { type: 'string' } }, strict: true });
	evaluateDemoModel({ threads: values.threads ? Number(values.threads) : undefined })
		.then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`evaluate: ${error instanceof Error ? error.message : String(error)}\n`);
			process.exitCode = 1;
		});
}
