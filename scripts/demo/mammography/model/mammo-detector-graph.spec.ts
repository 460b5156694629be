import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { MAMMO_DESIGN } from './mammo-detector-design';
import { buildMammoDetector, directionalKernels } from './mammo-detector-graph';

const SIZE = 64;

async function evidence(plane: Float32Array): Promise<Float32Array> {
	const bytes = buildMammoDetector(
		MAMMO_DESIGN,
		{ width: SIZE, height: SIZE },
		{ heatGain: 1, heatOffset: 0 },
		{ probe: true }
	);
	const session = await ort.InferenceSession.create(bytes);
	const result = await session.run({ image: new ort.Tensor('float32', plane, [1, 1, SIZE, SIZE]) });
	return (result.evidence as ort.Tensor).data as Float32Array;
}

/** A 64 × 64 plane of breast tissue (0.3), with `draw` applied per pixel. */
function plane(draw: (x: number, y: number) => number): Float32Array {
	return Float32Array.from({ length: SIZE * SIZE }, (_, index) =>
		draw(index % SIZE, Math.floor(index / SIZE))
	);
}

describe('the mammography detector graph', () => {
	it('averages a 2 × 3 strip 2–3 px away in each of four directions', () => {
		const [left] = directionalKernels(3);
		const taps = left!.flatMap((weight, index) =>
			weight > 0 ? [[index % 7, Math.floor(index / 7)]] : []
		);
		expect(taps).toEqual([
			[0, 2],
			[1, 2],
			[0, 3],
			[1, 3],
			[0, 4],
			[1, 4]
		]);
		expect(left!.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
	});

	it('finds a cluster of specks, but no evidence along an edge or in flat tissue', async () => {
		// Specks of +0.1 (410 stored values) at (20, 20), (24, 22), (22, 26): in the cell grid (8 px
		// a cell) that is cell (2–3, 2–3). A step edge from 0.3 to 0.6 at column 44 is no speck.
		const specks = new Set(['20,20', '24,22', '22,26']);
		const map = await evidence(
			plane((x, y) => (x >= 44 ? 0.6 : 0.3) + (specks.has(`${x},${y}`) ? 0.1 : 0))
		);
		// Speck excess 0.1 − 0.01 over one pixel: per cell 0.09/64, over the 9 × 9 cluster window
		// 3 × 0.09/64/81, ÷ clusterUnit 0.00005 → 1.04 where the window holds all three cells.
		expect(Math.max(...map)).toBeCloseTo((3 * 0.09) / 64 / 81 / MAMMO_DESIGN.clusterUnit, 2);
		const flat = await evidence(plane((x) => (x >= 44 ? 0.6 : 0.3)));
		expect(Math.max(...flat)).toBe(0);
	});

	it('keeps away from the skin line', async () => {
		// Outside the breast (0.015) from column 40: a speck 1 cell inside the skin line counts nothing.
		const map = await evidence(
			plane((x, y) => (x >= 40 ? 0.015 : x === 36 && y === 30 ? 0.5 : 0.3))
		);
		expect(Math.max(...map)).toBe(0);
	});
});
