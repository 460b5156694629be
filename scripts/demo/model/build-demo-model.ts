// Builds the demo lesion detector: studies/demo-crossover/model/demo-lesion-detector.onnx and its
// manifest model.json, from the fixed design (demo-design.ts) and the constants fitted on the
// independent calibration set (calibration.json). The bytes are deterministic: a rebuild from
// the same calibration.json gives the same file (a spec checks it against the committed one).
//   npx tsx scripts/demo/model/build-demo-model.ts               rebuild from calibration.json
//   npx tsx scripts/demo/model/build-demo-model.ts --calibrate   refit calibration.json first (~20 s)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
	modelManifestSchema,
	type ModelManifest
} from '../../../src/lib/server/ai/inference/manifest';
import { calibrateDemoModel } from './calibrate-demo-model';
import { DEMO_DESIGN, demoManifest, graphParameters, type DemoCalibration } from './demo-design';
import { buildDemoModel } from './demo-model-graph';

const here = dirname(fileURLToPath(import.meta.url));
export const CALIBRATION_FILE = join(here, 'calibration.json');
export const MODEL_DIR = resolve(here, '../../../studies/demo-crossover/model');
export const MODEL_FILE = join(MODEL_DIR, 'demo-lesion-detector.onnx');
export const MANIFEST_FILE = join(MODEL_DIR, 'model.json');

export async function readCalibration(path = CALIBRATION_FILE): Promise<DemoCalibration> {
	return JSON.parse(await readFile(path, 'utf8')) as DemoCalibration;
}

/** The model bytes and manifest for a calibration; pure and deterministic. */
export function demoModelArtifacts(calibration: DemoCalibration): {
	model: Uint8Array;
	manifest: ModelManifest;
} {
	const manifest = modelManifestSchema.parse(demoManifest(calibration));
	const model = buildDemoModel(DEMO_DESIGN, graphParameters(calibration), {
		docString: manifest.description
	});
	return { model, manifest };
}

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, '\t')}\n`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { calibrate: { type: 'boolean', default: false } },
		strict: true
	});
	if (values.calibrate) {
		const started = performance.now();
		const calibration = await calibrateDemoModel();
		await writeFile(CALIBRATION_FILE, jsonText(calibration));
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		process.stderr.write(
			`demo model: calibrated on seed ${calibration.calibrationSet.seed} in ${seconds} s\n`
		);
	}
	const { model, manifest } = demoModelArtifacts(await readCalibration());
	await mkdir(MODEL_DIR, { recursive: true });
	await writeFile(MODEL_FILE, model);
	await writeFile(MANIFEST_FILE, jsonText(manifest));
	process.stderr.write(
		`demo model: wrote ${MODEL_FILE} (${model.length} bytes) and ${MANIFEST_FILE}\n`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		process.stderr.write(`demo model: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}
