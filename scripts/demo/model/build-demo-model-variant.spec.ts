import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseModelManifest } from '../../../src/lib/server/ai/inference/manifest';
import { jsonText, readJson } from './demo-detector-kit';
import {
	VARIANT_CALIBRATION_FILE,
	VARIANT_MANIFEST_FILE,
	VARIANT_MODEL_FILE,
	calibrateVariant,
	variantArtifacts
} from './build-demo-model-variant';
import type { DemoCalibration } from './demo-design';

// The committed 1.1.0 model's SHA-256 (also in studies/demo-crossover/model/README.md).
const COMMITTED_VARIANT_SHA256 = 'e44ffa33d8c777689ed66a58e9d1a2dd9bd0c1f2dcc228d921e5f8b7ebf019b4';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('demo model 1.1.0 build', () => {
	it('rebuilds the committed 1.1.0 model and manifest byte for byte', async () => {
		const calibration = await readJson<DemoCalibration>(VARIANT_CALIBRATION_FILE);
		const { model, manifest } = variantArtifacts(calibration);
		const committed = await readFile(VARIANT_MODEL_FILE);
		expect(sha256(committed)).toBe(COMMITTED_VARIANT_SHA256);
		expect(Buffer.compare(Buffer.from(model), committed)).toBe(0);
		const text = await readFile(VARIANT_MANIFEST_FILE, 'utf8');
		expect(JSON.parse(text)).toEqual(JSON.parse(jsonText(manifest)));
		const parsed = parseModelManifest(JSON.parse(text));
		expect(parsed).toMatchObject({ name: 'demo-lesion-detector', version: '1.1.0', demo: true });
		expect(parsed.threshold).toBe(calibration.threshold);
		expect(parsed.description).toContain('the 5 mm filter of 1.0.0 removed');
	});

	// The same independent seed-1 set as 1.0.0, never the demo study's seed.
	it('reproduces calibration-1.1.0.json from the independent calibration set', async () => {
		const committed = await readJson<DemoCalibration>(VARIANT_CALIBRATION_FILE);
		const refitted = await calibrateVariant();
		expect(refitted.calibrationSet.seed).toBe(1);
		expect(refitted.responseSd).toHaveLength(3);
		expect(refitted).toEqual(committed);
	}, 120_000);
});
