// Builds the mammography demo detector: studies/demo-mammography/model/demo-mammography-detector.onnx
// and its manifest model.json, from the fixed design (mammo-detector-design.ts) and the constants
// fitted on the independent calibration set (calibration.json). Deterministic bytes: a spec checks
// a rebuild against the committed file. `tandem demo setup` registers the committed model.
//   npx tsx scripts/demo/mammography/model/build-mammo-detector.ts               from calibration.json
//   npx tsx scripts/demo/mammography/model/build-mammo-detector.ts --calibrate   refit first (minutes)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
	modelManifestSchema,
	type ModelManifest
} from '../../../../src/lib/server/ai/inference/manifest';
import { jsonText } from '../../model/build-demo-model';
import { calibrateMammoDetector } from './calibrate-mammo-detector';
import {
	MAMMO_DESIGN,
	MAMMO_INPUT,
	mammoManifest,
	MODEL_NAME,
	type MammoCalibration
} from './mammo-detector-design';
import { buildMammoDetector } from './mammo-detector-graph';

const here = dirname(fileURLToPath(import.meta.url));
export const CALIBRATION_FILE = join(here, 'calibration.json');
export const MODEL_DIR = resolve(here, '../../../../studies/demo-mammography/model');
export const MODEL_FILE = join(MODEL_DIR, `${MODEL_NAME}.onnx`);
export const MANIFEST_FILE = join(MODEL_DIR, 'model.json');

export async function readCalibration(path = CALIBRATION_FILE): Promise<MammoCalibration> {
	return JSON.parse(await readFile(path, 'utf8')) as MammoCalibration;
}

/** The model bytes and manifest for a calibration; pure and deterministic. */
export function mammoDetectorArtifacts(calibration: MammoCalibration): {
	model: Uint8Array;
	manifest: ModelManifest;
} {
	const manifest = modelManifestSchema.parse(mammoManifest(calibration));
	const model = buildMammoDetector(MAMMO_DESIGN, MAMMO_INPUT, calibration, {
		docString: manifest.description
	});
	return { model, manifest };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { calibrate: { type: 'boolean', default: false } },
		strict: true
	});
	if (values.calibrate) {
		const started = performance.now();
		const calibration = await calibrateMammoDetector((done) =>
			process.stderr.write(`calibrating: case ${done}\r`)
		);
		await writeFile(CALIBRATION_FILE, jsonText(calibration));
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		process.stderr.write(`mammography detector: calibrated in ${seconds} s\n`);
	}
	const { model, manifest } = mammoDetectorArtifacts(await readCalibration());
	await mkdir(MODEL_DIR, { recursive: true });
	await writeFile(MODEL_FILE, model);
	await writeFile(MANIFEST_FILE, jsonText(manifest));
	process.stderr.write(`mammography detector: wrote ${MODEL_FILE} (${model.length} bytes)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`mammography detector: ${error instanceof Error ? error.message : String(error)}\n`
		);
		process.exitCode = 1;
	});
}
