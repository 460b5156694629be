// Builds version 1.1.0 of the demo lesion detector — the update `tandem model compare` is shown
// on: the 1.0.0 design without its 5 mm filter (VARIANT_DESIGN), calibrated the same way on the
// same independent seed-1 set, into studies/demo-crossover/model/1.1.0/. Deterministic like the
// 1.0.0 build (a spec checks the committed bytes).
//   npx tsx scripts/demo/model/build-demo-model-variant.ts               rebuild from calibration-1.1.0.json
//   npx tsx scripts/demo/model/build-demo-model-variant.ts --calibrate   refit calibration-1.1.0.json first
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	modelManifestSchema,
	type ModelManifest
} from '../../../src/lib/server/ai/inference/manifest';
import { MODEL_DIR } from './build-demo-model';
import { calibrateDemoModel } from './calibrate-demo-model';
import { buildDetector, runIfMain } from './demo-detector-kit';
import {
	CALIBRATION_SEED,
	VARIANT_DESIGN,
	VARIANT_VERSION,
	demoManifest,
	graphParameters,
	type DemoCalibration
} from './demo-design';
import { buildDemoModel } from './demo-model-graph';

const here = dirname(fileURLToPath(import.meta.url));
export const VARIANT_CALIBRATION_FILE = join(here, `calibration-${VARIANT_VERSION}.json`);
export const VARIANT_DIR = join(MODEL_DIR, VARIANT_VERSION);
export const VARIANT_MODEL_FILE = join(VARIANT_DIR, 'demo-lesion-detector.onnx');
export const VARIANT_MANIFEST_FILE = join(VARIANT_DIR, 'model.json');

/** The 1.1.0 model bytes and manifest for a calibration; pure and deterministic. */
export function variantArtifacts(calibration: DemoCalibration): {
	model: Uint8Array;
	manifest: ModelManifest;
} {
	const manifest = modelManifestSchema.parse(demoManifest(calibration, true));
	const model = buildDemoModel(VARIANT_DESIGN, graphParameters(calibration, VARIANT_DESIGN), {
		docString: manifest.description
	});
	return { model, manifest };
}

export function calibrateVariant(): Promise<DemoCalibration> {
	return calibrateDemoModel(CALIBRATION_SEED, VARIANT_DESIGN);
}

runIfMain(import.meta.url, 'demo model 1.1.0', () =>
	buildDetector({
		label: 'demo model 1.1.0',
		calibrationFile: VARIANT_CALIBRATION_FILE,
		modelDir: VARIANT_DIR,
		modelFile: VARIANT_MODEL_FILE,
		manifestFile: VARIANT_MANIFEST_FILE,
		calibrate: calibrateVariant,
		artifacts: variantArtifacts
	})
);
