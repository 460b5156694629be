// The AI worker (piscina threads, the WASM codecs loaded inside them) scores compressed and
// multi-frame images: a demo CT case transcoded with dcmtk / gdcm to every lossless syntax gives
// the same score, box and hashes as its uncompressed original; every file of the conformance set
// is scored, each lossless encoding exactly as its original; a multi-frame object is one image
// per frame.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConformanceSet, type ConformanceSet } from '$fixtures/dicom-conformance.fixture';
import { writeDemoCases } from '$fixtures/inference/demo-cases.fixture';
import { requireSystemTool } from '$fixtures/system-tools.fixture';
import { parseModelManifest, type ModelManifest } from './manifest';
import { sha256Hex } from './model-session';
import { createInferencePool, type InferenceOutput, type InferencePool } from './pool';

const MODEL_DIR = resolve('studies/demo-crossover/model');
const modelPath = join(MODEL_DIR, 'demo-lesion-detector.onnx');

let directory: string;
let manifest: ModelManifest;
let modelSha256: string;
let pool: InferencePool;
let ct: string;
let set: ConformanceSet;

const score = (images: string[]) => pool.run({ modelPath, modelSha256, manifest, images });
const comparable = (output: InferenceOutput) => ({
	score: output.score,
	imageScores: output.imageScores,
	boxes: output.boxes,
	heatmap: output.heatmap,
	inputSha256: output.inputSha256,
	outputSha256: output.outputSha256
});

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'tandem-compressed-inference-'));
	// C002: one 512 × 512 slice, 8.7 mm lesion at column 341, row 238 (signed 16-bit CT).
	const [positive] = await writeDemoCases(directory, ['C002']);
	ct = positive!.images[0]!;
	set = buildConformanceSet(join(directory, 'conformance'));
	manifest = parseModelManifest(JSON.parse(await readFile(join(MODEL_DIR, 'model.json'), 'utf8')));
	modelSha256 = sha256Hex(await readFile(modelPath));
	pool = createInferencePool({ threads: 2 });
}, 60_000);

afterAll(async () => {
	await pool?.close();
	await rm(directory, { recursive: true, force: true });
});

describe('the AI worker on compressed and multi-frame images', () => {
	it('scores a CT slice in every lossless syntax exactly as uncompressed', async () => {
		const transcodes: Array<[string, string, string[]]> = [
			['jpeg2000-lossless', 'gdcmconv', ['--j2k']],
			['jpeg-ls-lossless', 'dcmcjpls', ['+el']],
			['jpeg-lossless-sv1', 'dcmcjpeg', ['+e1']],
			['jpeg-lossless', 'dcmcjpeg', ['+el']],
			['rle', 'dcmcrle', []],
			['deflated', 'dcmconv', ['+td']],
			['big-endian', 'dcmconv', ['+tb']]
		];
		const original = comparable(await score([ct]));
		expect(original.score).toBeGreaterThanOrEqual(manifest.threshold);
		const outputs = await Promise.all(
			transcodes.map(([name, tool, args]) => {
				const path = join(directory, `${name}.dcm`);
				execFileSync(requireSystemTool(tool as 'gdcmconv'), [...args, ct, path]);
				return score([path]).then(comparable);
			})
		);
		outputs.forEach((output, index) =>
			expect({ syntax: transcodes[index]![0], ...output }).toEqual({
				syntax: transcodes[index]![0],
				...original
			})
		);
	}, 60_000);

	it('scores every conformance file, each lossless encoding exactly as its original', async () => {
		const outputs = await Promise.all(
			set.files.map((file) =>
				Promise.all([score([file.path]), score([file.originalPath])]).then(
					([encoded, original]) => ({ file, encoded, original })
				)
			)
		);
		for (const { file, encoded, original } of outputs) {
			expect(encoded.imageScores, file.name).toHaveLength(file.original.frames);
			if (file.maxError === 0) expect(comparable(encoded), file.name).toEqual(comparable(original));
			// Lossy or YBR_FULL (rounded): scored (the demo CT detector's score on these test
			// patterns says nothing more).
			else expect(encoded.score, file.name).toBeGreaterThanOrEqual(0);
		}
	}, 60_000);

	it('takes each frame of a multi-frame object as one image of the case, in frame order', async () => {
		const file = set.files.find((f) => f.name === 'jpeg2000Lossless__mono2-u12-3frames')!;
		const output = await score([
			file.path,
			set.files.find((f) => f.name === 'rle__mono2-u8')!.path
		]);
		expect(output.imageScores).toHaveLength(4);
		const alone = await score([file.path]);
		expect(output.imageScores?.slice(0, 3)).toEqual(alone.imageScores);
	}, 30_000);

	it('fails a damaged compressed image alone, naming the syntax and the frame', async () => {
		const file = set.files.find((f) => f.name === 'jpeg2000Lossless__mono2-u12')!;
		const bytes = await readFile(file.path);
		const truncated = join(directory, 'truncated.dcm');
		await writeFile(truncated, bytes.subarray(0, bytes.length - 400));
		await expect(score([truncated])).rejects.toThrow(
			/image 1 of 1 \(.*truncated\.dcm\): truncated: an element runs past the end of the file/
		);
		// The code stream's SIZ marker (FF 51) made to declare 57 columns instead of 56.
		const damaged = join(directory, 'damaged.dcm');
		const copy = Uint8Array.from(bytes);
		const siz = copy.findIndex((byte, index) => byte === 0xff && copy[index + 1] === 0x51);
		copy[siz + 9] = 57; // Xsiz, big endian, low byte
		await writeFile(damaged, copy);
		await expect(score([damaged])).rejects.toThrow(
			/damaged\.dcm\): JPEG 2000 Lossless \(1\.2\.840\.10008\.1\.2\.4\.90\), frame 1 of 1: size mismatch: OpenJPEG decoded 57 × 40, the header says 56 × 40/
		);
		// The pool serves the next task.
		expect((await score([file.path])).imageScores).toHaveLength(1);
	}, 30_000);
});
