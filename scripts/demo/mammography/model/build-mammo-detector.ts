// Builds the mammography demo detector: studies/demo-mammography/model/demo-mammography-detector.onnx
// and its manifest model.json, from the fixed design (mammo-detector-design.ts) and the constants
// fitted on the independent calibration set (calibration.json). Deterministic bytes: a spec checks
// a rebuild against the committed file. `tandem demo setup` registers the committed model.
//   npx tsx scripts/demo/mammography/model/build-mammo-detector.ts               from calibration.json
//   npx tsx scripts/demo/mammography/model/build-mammo-detector.ts --calibrate   refit first (minutes)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	modelManifestSchema,
	type ModelManifest
} from '../../../../src/lib/server/ai/inference/manifest';
import { buildDetector, readJson, runIfMain } from '../../model/demo-detector-kit';
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

export function readCalibration(path = CALIBRATION_FILE): Promise<MammoCalibration> {
	return readJson<MammoCalibration>(path);
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

runIfMain(import.meta.url, 'mammography detector', () =>
	buildDetector({
		label: 'mammography detector',
		calibrationFile: CALIBRATION_FILE,
		modelDir: MODEL_DIR,
		modelFile: MODEL_FILE,
		manifestFile: MANIFEST_FILE,
		calibrate: () =>
			calibrateMammoDetector((done) => process.stderr.write(`calibrating: case ${done}\r`)),
		artifacts: mammoDetectorArtifacts
	})
);
