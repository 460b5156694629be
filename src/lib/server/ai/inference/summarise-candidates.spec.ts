import { describe, expect, it } from 'vitest';
import type { ModelManifest } from './manifest';
import { summarise, type ModelRun, type PreparedCase } from './run-task';

const manifest: ModelManifest = {
	name: 'four-view-detector',
	version: '1',
	description: 'test',
	task: 'detection',
	input: {
		name: 'image',
		width: 8,
		height: 8,
		layout: 'NCHW',
		window: { center: 2048, width: 4096 },
		normalisation: { min: 0, max: 1 },
		slices: 'each'
	},
	outputs: { score: 'score', heatmap: 'heatmap' },
	threshold: 0.5
};

/** A model run on an 8 × 8 heatmap of 0.1 with the given pixels set; score = its maximum. */
function run(set: Array<[number, number, number]>): ModelRun {
	const data = new Float32Array(64).fill(0.1);
	for (const [x, y, value] of set) data[y * 8 + x] = value;
	const score = Math.max(...data);
	return { score, scoreBytes: Float32Array.of(score), heatmap: { width: 8, height: 8, data } };
}

// Two images of 80 columns × 160 rows: a heatmap pixel is 10 × 20 original pixels.
const prepared: PreparedCase = {
	images: [
		{ rows: 160, columns: 80 },
		{ rows: 160, columns: 80 }
	],
	planes: [new Float32Array(64), new Float32Array(64)],
	inputs: [new Float32Array(64), new Float32Array(64)]
};
const runs = [
	run([
		[1, 1, 0.6],
		[6, 6, 0.3]
	]),
	run([
		[2, 5, 0.9],
		[6, 1, 0.7],
		[4, 3, 0.55]
	])
];
const f = Math.fround;

describe('summarise: candidate boxes', () => {
	it('reports the top candidate alone when the manifest asks for no more', () => {
		const { boxes, score } = summarise(prepared, manifest, runs);
		expect(score).toBe(f(0.9));
		expect(boxes).toEqual([{ image: 2, x: 20, y: 100, width: 10, height: 20, score: f(0.9) }]);
	});

	it('reports every image’s maxima at or above the threshold, at most perImage each, highest first', () => {
		const { boxes } = summarise(prepared, { ...manifest, candidates: { perImage: 2 } }, runs);
		expect(boxes).toEqual([
			{ image: 2, x: 20, y: 100, width: 10, height: 20, score: f(0.9) },
			{ image: 2, x: 60, y: 20, width: 10, height: 20, score: f(0.7) },
			{ image: 1, x: 10, y: 20, width: 10, height: 20, score: f(0.6) }
		]);
	});

	it('keeps the top candidate of a case below the threshold, and no other', () => {
		const { boxes } = summarise(prepared, { ...manifest, candidates: { perImage: 3 } }, [
			run([[3, 3, 0.4]]),
			run([[5, 5, 0.45]])
		]);
		expect(boxes).toEqual([{ image: 2, x: 50, y: 100, width: 10, height: 20, score: f(0.45) }]);
	});
});
