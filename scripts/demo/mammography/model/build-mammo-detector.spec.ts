import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModelManifest } from '../../../../src/lib/server/ai/inference/manifest';
import { modelSession, sha256Hex } from '../../../../src/lib/server/ai/inference/model-session';
import { runModel, summarise } from '../../../../src/lib/server/ai/inference/run-task';
import { jsonText } from '../../model/demo-detector-kit';
import { markPixels } from '../mammo-csv';
import { COLUMNS, MAMMO_SEED, planMammoStudy, ROWS, VIEWS } from '../mammo-plan';
import {
	MANIFEST_FILE,
	MODEL_DIR,
	MODEL_FILE,
	mammoDetectorArtifacts,
	readCalibration
} from './build-mammo-detector';
import { viewPlane } from './calibrate-mammo-detector';
import { evaluateRendered, hitsMark } from './evaluate-mammo-detector';

// The committed model's SHA-256 (also in studies/demo-mammography/model/README.md): a change to
// the design or the calibration changes it; rebuild, and update both in the same commit.
const COMMITTED_MODEL_SHA256 = '2cecf3077c7386105487012cd2de37af80d286c79bea820c099dfc8164dd72be';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('mammography demo detector build', () => {
	it('rebuilds the committed model byte for byte, small', async () => {
		const committed = await readFile(MODEL_FILE);
		const { model } = mammoDetectorArtifacts(await readCalibration());
		expect(sha256(committed)).toBe(COMMITTED_MODEL_SHA256);
		expect(Buffer.compare(Buffer.from(model), committed)).toBe(0);
		expect(model.length).toBeLessThan(100_000);
	});

	it('writes the manifest the build describes, named as the study protocol names its AI', async () => {
		const text = await readFile(MANIFEST_FILE, 'utf8');
		const { manifest } = mammoDetectorArtifacts(await readCalibration());
		expect(text).toBe(jsonText(manifest));
		const parsed = parseModelManifest(JSON.parse(text));
		const protocol = parse(await readFile(join(MODEL_DIR, '../study.yaml'), 'utf8'));
		expect({ name: parsed.name, version: parsed.version }).toEqual({
			name: protocol.ai_model.name,
			version: protocol.ai_model.version
		});
		expect(parsed).toMatchObject({
			task: 'detection',
			demo: true,
			candidates: { perImage: 3 },
			input: { width: COLUMNS / 2, height: ROWS / 2, slices: 'each' }
		});
	});
});

describe('mammography demo detector on demo views (rendered in memory, as stored)', () => {
	const plans = planMammoStudy(MAMMO_SEED);
	const view = (caseId: string, name: string) => {
		const plan = plans.find((candidate) => candidate.caseId === caseId)!;
		const index = VIEWS.findIndex((candidate) => candidate.name === name);
		return { plan, index, plane: viewPlane(plan, index) };
	};

	// M002: a calcification cluster on R-CC (truth.csv); M001: no lesion.
	it('boxes the calcification cluster above the threshold and leaves a normal view below it', async () => {
		const manifest = parseModelManifest(JSON.parse(await readFile(MANIFEST_FILE, 'utf8')));
		const session = await modelSession(MODEL_FILE, sha256Hex(await readFile(MODEL_FILE)));
		const image = { rows: ROWS, columns: COLUMNS };
		const positive = view('M002', 'R-CC');
		const negative = view('M001', 'R-CC');
		const { runs } = await runModel(session, manifest, [positive.plane, negative.plane]);
		const output = summarise(
			{
				images: [image, image],
				planes: [positive.plane, negative.plane],
				inputs: [positive.plane, negative.plane]
			},
			manifest,
			runs
		);
		expect(output.imageScores![0]).toBeGreaterThanOrEqual(manifest.threshold);
		expect(output.imageScores![1]).toBeLessThan(manifest.threshold);
		const mark = markPixels(positive.plan).find((candidate) => candidate.view === 'R-CC')!;
		// The box is on image 1 (the R-CC view here) and holds the cluster's centre.
		expect(hitsMark(output.boxes!, { ...mark, view: 'R-CC' })).toBe(true);
		expect(output.boxes!.every((box) => box.image === 1)).toBe(true);
	}, 120_000);
});

// The whole demo study, rendered in memory (the files decode to exactly these pixels) and run as
// the AI worker runs it: 96 views of 3328 × 4096, about 3 minutes of CPU (longer on a busy machine).
describe('mammography demo detector on the demo study', () => {
	let result: Awaited<ReturnType<typeof evaluateRendered>>;
	beforeAll(async () => {
		result = await evaluateRendered(planMammoStudy(MAMMO_SEED));
	}, 1_800_000);

	it('is good but imperfect: a case-level AUC of 0.85–0.90', () => {
		expect(result.auc).toBeGreaterThanOrEqual(0.85);
		expect(result.auc).toBeLessThanOrEqual(0.9);
		expect(result.sensitivity).toBeLessThan(1);
	});

	it('boxes most masses and every calcification cluster', () => {
		// A lesion is boxed when a candidate box holds its centre in one of the views it shows in.
		expect(result.massLesionsHit.of).toBe(10);
		expect(result.massLesionsHit.hit).toBeGreaterThanOrEqual(7);
		const { mass, calcifications } = result.marksHitByType;
		expect(mass!.hit / mass!.of).toBeGreaterThan(0.5);
		expect(calcifications!.hit).toBe(calcifications!.of);
		// A box on a normal case is no lesion: those are the false positives a reader sees.
		expect(result.falseBoxesOnNegatives).toBeGreaterThan(0);
	});
});
