import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { MAMMO_DESIGN } from './mammo-detector-design';
import {
	buildMammoDetector,
	directionalKernels,
	massKernels,
	RAW_BRANCHES
} from './mammo-detector-graph';

const SIZE = 64;

/** A branch's value per cell (8 × 8 input pixels) on a size × size plane. */
async function branch(
	output: 'calcifications' | 'mass',
	plane: Float32Array,
	size = SIZE
): Promise<Float32Array> {
	const bytes = buildMammoDetector(
		MAMMO_DESIGN,
		{ width: size, height: size },
		{ viewMaxima: RAW_BRANCHES, heatGain: 1, heatOffset: 0 },
		{ probe: true }
	);
	const session = await ort.InferenceSession.create(bytes);
	const result = await session.run({ image: new ort.Tensor('float32', plane, [1, 1, size, size]) });
	return (result[output] as ort.Tensor).data as Float32Array;
}

const evidence = (plane: Float32Array) => branch('calcifications', plane);

/** A size × size plane with `draw` applied per pixel (breast tissue is ~0.3). */
function plane(draw: (x: number, y: number) => number, size = SIZE): Float32Array {
	return Float32Array.from({ length: size * size }, (_, index) =>
		draw(index % size, Math.floor(index / size))
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

	it('lays out a mass scale as a centre box and eight side boxes beyond it', () => {
		// Scale 4 cells: centre 5 × 5, sides 3 × 3 at 5 cells (diagonals at 4, 4).
		const { size, kernels } = massKernels({ centre: 2, offset: 5, side: 1 });
		expect(size).toBe(13);
		expect(kernels).toHaveLength(9);
		const taps = (kernel: number[]) =>
			kernel.flatMap((weight, index) =>
				weight > 0 ? [[(index % 13) - 6, Math.floor(index / 13) - 6]] : []
			);
		expect(taps(kernels[0]!)).toHaveLength(25);
		expect(taps(kernels[1]!)[4]).toEqual([5, 0]);
		expect(taps(kernels[2]!)[4]).toEqual([4, -4]);
		expect(taps(kernels[7]!)[4]).toEqual([0, 5]);
		for (const kernel of kernels) expect(kernel.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
	});

	it('finds a mass brighter than all around it, but not an edge', async () => {
		// 256 × 256 input = 32 × 32 cells; a disc of +0.1 with a 40 px (5 cell) radius at (128, 128).
		const size = 256;
		const disc = await branch(
			'mass',
			plane((x, y) => 0.3 + (Math.hypot(x - 127.5, y - 127.5) < 40 ? 0.1 : 0), size),
			size
		);
		const peak = disc.indexOf(Math.max(...disc));
		// Centre box all disc (0.1 above), side boxes beyond it (a diagonal one grazes the rim).
		expect(Math.max(...disc)).toBeGreaterThan(0.095);
		expect(Math.max(...disc)).toBeLessThanOrEqual(0.1 + 1e-6);
		// The disc's centre lies between cells 15 and 16 in both directions.
		expect([15, 16]).toContain(peak % 32);
		expect([15, 16]).toContain(Math.floor(peak / 32));
		const edge = await branch(
			'mass',
			plane((x) => (x >= 128 ? 0.6 : 0.3), size),
			size
		);
		expect(Math.max(...edge)).toBeCloseTo(0, 6);
	});

	it('keeps away from the skin line', async () => {
		// Outside the breast (0.015) from column 40: a speck 1 cell inside the skin line counts nothing.
		const map = await evidence(
			plane((x, y) => (x >= 40 ? 0.015 : x === 36 && y === 30 ? 0.5 : 0.3))
		);
		expect(Math.max(...map)).toBe(0);
	});
});
