import { describe, expect, it } from 'vitest';
import {
	drawCase,
	drawReader,
	simulateRead,
	simulationStreams,
	READER_MODEL
} from './simulated-reader';
import { aucPlacements } from '../fom/empirical-auc';
import { normalCdf } from '../distributions';

describe('simulated readers', () => {
	it('reproduce the binormal AUC of the model and a real benefit of the AI', () => {
		// A typical reader (skill 1.6, benefit 0.45), many cases: latent variance 1 + 2·0.6² per class.
		const reader = {
			skill: READER_MODEL.skill.mean,
			aiBenefit: READER_MODEL.aiBenefit.mean,
			threshold: 0.8,
			pace: 1
		};
		const { cases, reader: stream } = simulationStreams(7);
		const items = Array.from({ length: 20_000 }, (_, index) =>
			drawCase(cases, index % 2 === 0 ? 1 : 0)
		);
		const random = stream(0);
		const auc = (withAi: boolean) => {
			const ratings = items.map(
				(item) => simulateRead(reader, item, withAi, random).confidence + random.nextFloat() * 1e-6
			);
			return aucPlacements(
				Float64Array.from(ratings),
				Uint8Array.from(items.map((item) => item.truth))
			).auc;
		};
		const sd = Math.sqrt(2 * (1 + READER_MODEL.caseEffectSd ** 2));
		// Binormal: AUC = Φ(separation / √(σ²₁ + σ²₀)); confidence is a monotone map of the latent value (ties aside).
		expect(auc(false)).toBeCloseTo(normalCdf(1.6 / sd), 1);
		expect(auc(true)).toBeCloseTo(normalCdf(2.05 / sd), 1);
		expect(auc(true)).toBeGreaterThan(auc(false) + 0.04);
	});

	it('is fixed by its seed, with plausible reading times', () => {
		const read = (seed = 20261123) => {
			const { cases, reader } = simulationStreams(seed);
			const random = reader(3);
			return simulateRead(drawReader(random), drawCase(cases, 1), true, random);
		};
		expect(read()).toEqual(read());
		expect(read(20261124)).not.toEqual(read());
		expect(read().readingTimeMs).toBeGreaterThanOrEqual(3500);
		expect(read().confidence).toBeGreaterThanOrEqual(0);
		expect(read().confidence).toBeLessThanOrEqual(100);
	});
});
