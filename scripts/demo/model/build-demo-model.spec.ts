import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseModelManifest } from '../../../src/lib/server/ai/inference/manifest';
import {
	CALIBRATION_FILE,
	MANIFEST_FILE,
	MODEL_FILE,
	demoModelArtifacts,
	jsonText,
	readCalibration
} from './build-demo-model';
import { calibrateDemoModel } from './calibrate-demo-model';

// The committed model's SHA-256 (also in studies/demo-crossover/model/README.md). A change to the
// design or calibration changes it: rebuild, and update both places in the same commit.
const COMMITTED_MODEL_SHA256 = '72f0a146d9c1b2fca7d0c2c972b2f60475d3a5943beff89722ecd0ee46a31fad';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('demo model build', () => {
	it('rebuilds the committed model byte for byte, small', async () => {
		const committed = await readFile(MODEL_FILE);
		const { model } = demoModelArtifacts(await readCalibration());
		expect(sha256(committed)).toBe(COMMITTED_MODEL_SHA256);
		expect(sha256(model)).toBe(COMMITTED_MODEL_SHA256);
		expect(Buffer.compare(Buffer.from(model), committed)).toBe(0);
		expect(model.length).toBeLessThan(1_000_000);
	});

	it('writes the manifest the build describes, valid and marked as a demo', async () => {
		const text = await readFile(MANIFEST_FILE, 'utf8');
		const { manifest } = demoModelArtifacts(await readCalibration());
		expect(text).toBe(jsonText(manifest));
		const parsed = parseModelManifest(JSON.parse(text));
		expect(parsed.demo).toBe(true);
		expect(parsed.description).toMatch(
			/^Demo detector, matched filter, calibrated on an independent synthetic set; not a medical device\./
		);
		expect(parsed.threshold).toBe((await readCalibration()).threshold);
	});

	// Refits on the in-memory seed-1 set (~10 s): calibration.json must be what the code computes,
	// and the calibration set is never the demo study's own seed.
	it('reproduces calibration.json from the independent calibration set', async () => {
		const committed = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8'));
		const refitted = await calibrateDemoModel();
		expect(refitted.calibrationSet.seed).not.toBe(20261123);
		expect(refitted).toEqual(committed);
	}, 120_000);
});
