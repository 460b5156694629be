// Renders the slices of one planned case. Each case draws from its own sfc32 stream (seeded by
// the plan), so a case's pixels do not depend on how many numbers other cases used.
import type { CasePlan } from './demo-plan';
import { blendFields, correlatedField } from './noise-field';
import { addField, addLesion, renderAnatomy, toStoredValues, type Grid } from './phantom';
import { Sfc32 } from './prng';

/** Tissue texture: grain (mm) and amplitude (HU) of each scale, fine to coarse. */
const TEXTURE_SCALES: ReadonlyArray<{ grainMm: number; amplitudeHu: number }> = [
	{ grainMm: 1.5, amplitudeHu: 5 },
	{ grainMm: 4, amplitudeHu: 7 },
	{ grainMm: 10, amplitudeHu: 8 }
];

/** The stored pixel values of each slice, instance 1 first. */
export function* renderCaseSlices(plan: CasePlan, grid: Grid): Generator<Uint16Array> {
	const rng = new Sfc32(plan.pixelSeed);
	const { hu: anatomyHu, bodyMask } = renderAnatomy(plan.anatomy, grid);
	// A stack's texture drifts from field A at the first slice to field B at the last.
	const textureA = tissueTexture(rng, grid);
	const textureB = plan.slices > 1 ? tissueTexture(rng, grid) : textureA;
	const { noise, sliceThicknessMm } = plan.vendor;
	for (let instance = 1; instance <= plan.slices; instance += 1) {
		const hu = anatomyHu.slice();
		const t = plan.slices > 1 ? (instance - 1) / (plan.slices - 1) : 0;
		addField(hu, t === 0 ? textureA : blendFields(textureA, textureB, t), 1, bodyMask);
		if (plan.lesion) {
			addLesion(hu, grid, plan.lesion, (instance - plan.lesion.centreSlice) * sliceThicknessMm);
		}
		addField(hu, correlatedField(rng, grid, noise.grainXmm, noise.grainYmm), noise.sigmaHu);
		yield toStoredValues(hu);
	}
}

/** Sum of the texture scales, in HU (zero mean, variance = sum of squared amplitudes). */
function tissueTexture(rng: Sfc32, grid: Grid): Float32Array {
	const texture = new Float32Array(grid.size * grid.size);
	for (const scale of TEXTURE_SCALES) {
		addField(texture, correlatedField(rng, grid, scale.grainMm, scale.grainMm), scale.amplitudeHu);
	}
	return texture;
}
