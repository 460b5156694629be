// Standalone performance of the committed mammography detector on the demo study's generated
// files (or on the same views rendered in memory, as the spec does): each view decoded,
// preprocessed, run and summarised by the AI worker's own functions (readStoredPixels,
// preprocessImage, modelSession, runModel, summarise). Reports the empirical AUC, sensitivity and
// specificity at the manifest's threshold, and how many lesions a candidate box hits: a lesion
// mark (truth.csv) is hit when its centre lies inside a box on its own view.
//   npx tsx scripts/demo/mammography/model/evaluate-mammo-detector.ts   (images must exist)
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AiBox } from '../../../../src/lib/domain/ai-output';
import { parseModelManifest } from '../../../../src/lib/server/ai/inference/manifest';
import { modelSession, sha256Hex } from '../../../../src/lib/server/ai/inference/model-session';
import { modelInputs, preprocessImage } from '../../../../src/lib/server/ai/inference/preprocess';
import { runModel, summarise } from '../../../../src/lib/server/ai/inference/run-task';
import { empiricalAuc } from '../../../../src/lib/stats/fom/empirical-auc';
import { operatingPoint } from '../../model/demo-detector-kit';
import { markPixels } from '../mammo-csv';
import { COLUMNS, ROWS, VIEWS, type MammoCasePlan } from '../mammo-plan';
import { viewFileName } from '../mammo-case';
import { MANIFEST_FILE, MODEL_FILE } from './build-mammo-detector';
import { viewPlane } from './calibrate-mammo-detector';
import { readStoredPixels } from '../../../../src/lib/server/ai/inference/dicom-pixels';

export const STUDY_DIR = resolve(MODEL_FILE, '../..');

export interface TruthMark {
	/** Which lesion of its case (1 or 2) the mark shows. */
	lesion: number;
	view: string;
	type: string;
	x: number;
	y: number;
}

/** truth.csv: truth and the lesion marks (view, type, stored-pixel centre) per case. */
export async function readMammoTruth(studyDir = STUDY_DIR) {
	const [header, ...lines] = (await readFile(join(studyDir, 'truth.csv'), 'utf8'))
		.trim()
		.split('\n');
	const names = (header as string).split(',');
	return lines.map((line) => {
		const row = Object.fromEntries(line.split(',').map((value, index) => [names[index], value]));
		const marks: TruthMark[] = [];
		for (let k = 1; row[`mark${k}_view`] !== undefined; k += 1) {
			if (!row[`mark${k}_view`]) continue;
			marks.push({
				lesion: Number(row[`mark${k}_lesion`]),
				view: row[`mark${k}_view`] as string,
				type: row[`mark${k}_type`] as string,
				x: Number(row[`mark${k}_x`]),
				y: Number(row[`mark${k}_y`])
			});
		}
		return { caseId: row.case_id as string, truth: Number(row.truth), marks };
	});
}

/** Whether a box on the mark's view holds the mark's centre pixel. */
export function hitsMark(boxes: readonly AiBox[], mark: TruthMark): boolean {
	const image = VIEWS.findIndex((view) => view.name === mark.view) + 1;
	return boxes.some(
		(box) =>
			box.image === image &&
			mark.x + 0.5 >= box.x &&
			mark.x + 0.5 <= box.x + box.width &&
			mark.y + 0.5 >= box.y &&
			mark.y + 0.5 <= box.y + box.height
	);
}

/** A case to evaluate: its truth and marks, and how to get its views' planes. */
export interface EvaluationCase {
	caseId: string;
	truth: number;
	marks: TruthMark[];
	views: () => Promise<{
		images: Array<{ rows: number; columns: number }>;
		planes: Float32Array[];
	}>;
}

/** Runs and summarises each case as the AI worker does, then the figures over all cases. */
export async function evaluateCases(items: readonly EvaluationCase[]) {
	const manifest = parseModelManifest(JSON.parse(await readFile(MANIFEST_FILE, 'utf8')));
	const modelSha256 = sha256Hex(await readFile(MODEL_FILE));
	const session = await modelSession(MODEL_FILE, modelSha256);
	const cases = [];
	for (const item of items) {
		const { images, planes } = await item.views();
		const prepared = { images, planes, inputs: modelInputs(planes, manifest.input) };
		const { runs } = await runModel(session, manifest, prepared.inputs);
		const output = summarise(prepared, manifest, runs);
		const boxes = output.boxes ?? [];
		const reported = boxes.filter((box) => box.score >= manifest.threshold);
		cases.push({
			caseId: item.caseId,
			truth: item.truth,
			score: output.score,
			boxes: boxes.length,
			marks: item.marks.map((mark) => ({
				...mark,
				hit: hitsMark(boxes, mark),
				reportedHit: hitsMark(reported, mark)
			}))
		});
	}
	const scores = cases.map((item) => item.score);
	const truth = cases.map((item) => item.truth);
	const positives = cases.filter((item) => item.truth === 1);
	const marks = positives.flatMap((item) => item.marks);
	const ofType = (type: string) => marks.filter((mark) => mark.type === type);
	return {
		modelSha256,
		threshold: manifest.threshold,
		auc: empiricalAuc(Float64Array.from(scores), Uint8Array.from(truth)),
		...operatingPoint(scores, truth, manifest.threshold),
		positiveCasesHit: positives.filter((item) => item.marks.some((mark) => mark.hit)).length,
		positiveCasesHitByReportedBox: positives.filter((item) =>
			item.marks.some((mark) => mark.reportedHit)
		).length,
		positives: positives.length,
		marksHit: marks.filter((mark) => mark.hit).length,
		marksHitByType: Object.fromEntries(
			['mass', 'calcifications'].map((type) => [
				type,
				{ hit: ofType(type).filter((mark) => mark.hit).length, of: ofType(type).length }
			])
		),
		marks: marks.length,
		massLesionsHit: lesionsHit(positives, 'mass'),
		falseBoxesOnNegatives: cases
			.filter((item) => item.truth === 0)
			.reduce((sum, item) => sum + item.boxes, 0),
		cases
	};
}

/** Lesions of a type with a box on at least one of their marks, and how many there are. */
function lesionsHit(
	cases: ReadonlyArray<{ caseId: string; marks: Array<TruthMark & { hit: boolean }> }>,
	type: string
): { hit: number; of: number } {
	const lesions = new Map<string, boolean>();
	for (const item of cases)
		for (const mark of item.marks.filter((candidate) => candidate.type === type)) {
			const key = `${item.caseId}/${mark.lesion}`;
			lesions.set(key, (lesions.get(key) ?? false) || mark.hit);
		}
	return { hit: [...lesions.values()].filter(Boolean).length, of: lesions.size };
}

/** On the generated files: each view decoded by the worker's own reader. */
export async function evaluateMammoDetector(studyDir = STUDY_DIR) {
	if (!existsSync(join(studyDir, 'images', 'generation.json')))
		throw new Error(`the demo images are missing in ${studyDir}/images: run npm start once`);
	const manifest = parseModelManifest(JSON.parse(await readFile(MANIFEST_FILE, 'utf8')));
	const rows = await readMammoTruth(studyDir);
	return evaluateCases(
		rows.map((row) => ({
			...row,
			views: async () => {
				const images = [];
				const planes = [];
				for (const [index, view] of VIEWS.entries()) {
					const path = join(studyDir, 'images', row.caseId, viewFileName(index + 1, view.name));
					const pixels = await readStoredPixels(await readFile(path));
					images.push({ rows: pixels.rows, columns: pixels.columns });
					planes.push(preprocessImage(pixels, manifest.input));
				}
				process.stderr.write(`evaluated ${row.caseId}\r`);
				return { images, planes };
			}
		}))
	);
}

/** On views rendered in memory from the plans (the files decode to exactly these pixels). */
export function evaluateRendered(plans: readonly MammoCasePlan[]) {
	return evaluateCases(
		plans.map((plan) => ({
			caseId: plan.caseId,
			truth: plan.lesions.length > 0 ? 1 : 0,
			marks: markPixels(plan),
			views: async () => ({
				images: VIEWS.map(() => ({ rows: ROWS, columns: COLUMNS })),
				planes: VIEWS.map((_, index) => viewPlane(plan, index))
			})
		}))
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	evaluateMammoDetector()
		.then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`evaluate: ${error instanceof Error ? error.message : String(error)}\n`);
			process.exitCode = 1;
		});
}
