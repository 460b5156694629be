// Builds the demo lesion detector: studies/demo-crossover/model/demo-lesion-detector.onnx and its
// manifest model.json, from the fixed design (demo-design.ts) and the constants fitted on the
// independent calibration set (calibration.json). The bytes are deterministic: a rebuild from
// the same calibration.json gives the same file (a spec checks it against the committed one).
//   npx tsx scripts/demo/model/build-demo-model.ts               rebuild from calibration.json
//   npx tsx scripts/demo/model/build-demo-model.ts --calibrate   refit calibration.json first (~20 s)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	modelManifestSchema,
	type ModelManifest
} from '../../../src/lib/server/ai/inference/manifest';
import { calibrateDemoModel } from './calibrate-demo-model';
import { buildDetector, jsonText, readJson, runIfMain } from './demo-detector-kit';
import { DEMO_DESIGN, demoManifest, graphParameters, type DemoCalibration } from './demo-design';
import { buildDemoModel } from './demo-model-graph';

export { jsonText };

const here = dirname(fileURLToPath(import.meta.url));
export const CALIBRATION_FILE = join(here, 'calibration.json');
export const MODEL_DIR = resolve(here, '../../../studies/demo-crossover/model');
export const MODEL_FILE = join(MODEL_DIR, 'demo-lesion-detector.onnx');
export const MANIFEST_FILE = join(MODEL_DIR, 'model.json');

export function readCalibration(path = CALIBRATION_FILE): Promise<DemoCalibration> {
	return readJson<DemoCalibration>(path);
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

runIfMain(import.meta.url, 'demo model', () =>
	buildDetector({
		label: 'demo model',
		calibrationFile: CALIBRATION_FILE,
		modelDir: MODEL_DIR,
		modelFile: MODEL_FILE,
		manifestFile: MANIFEST_FILE,
		calibrate: () => calibrateDemoModel(),
		artifacts: demoModelArtifacts
	})
);
