// Simulated readers for demonstrations (never for a real trial): a binormal latent-variable model
// in the spirit of Roe & Metz (1997). Each reader has a skill (separation of diseased from
// non-diseased), a benefit from the AI, a threshold and a speed; each case a difficulty shared by
// all readers; a read is the latent value plus reader×case noise. Reading times are log-normal.
import { normalCdf } from '../distributions';
import { createRandom, type SimulationRandom } from '../random';

export interface SimulatedReader {
	/** Mean latent separation of diseased cases, unaided. */
	skill: number;
	/** Added separation in the arm with the AI. */
	aiBenefit: number;
	/** Latent value above which the reader calls a lesion present. */
	threshold: number;
	/** Multiplies the typical reading time (1 = typical). */
	pace: number;
}

export interface SimulatedCase {
	truth: 0 | 1;
	/** Shared by all readers: positive makes the case look more diseased. */
	effect: number;
}

export interface SimulatedRead {
	decision: 0 | 1;
	/** 0–100, the latent value through a normal cdf. */
	confidence: number;
	readingTimeMs: number;
}

export const READER_MODEL = {
	skill: { mean: 1.6, sd: 0.3 },
	aiBenefit: { mean: 0.45, sd: 0.12 },
	caseEffectSd: 0.6,
	/** Median seconds per read without and with the AI (the AI makes reading faster). */
	medianSeconds: { unaided: 32, aided: 26 },
	readingTimeLogSd: 0.35
};

export function drawReader(random: SimulationRandom): SimulatedReader {
	const skill = Math.max(
		0.4,
		READER_MODEL.skill.mean + READER_MODEL.skill.sd * random.nextNormal()
	);
	return {
		skill,
		aiBenefit: Math.max(
			0,
			READER_MODEL.aiBenefit.mean + READER_MODEL.aiBenefit.sd * random.nextNormal()
		),
		threshold: skill / 2 + 0.2 * random.nextNormal(),
		pace: Math.exp(0.25 * random.nextNormal())
	};
}

export function drawCase(random: SimulationRandom, truth: 0 | 1): SimulatedCase {
	return { truth, effect: READER_MODEL.caseEffectSd * random.nextNormal() };
}

/** One read; `random` gives the reader×case noise and the time, so a seed fixes every read. */
export function simulateRead(
	reader: SimulatedReader,
	item: SimulatedCase,
	withAi: boolean,
	random: SimulationRandom
): SimulatedRead {
	const separation = item.truth === 1 ? reader.skill + (withAi ? reader.aiBenefit : 0) : 0;
	const latent = separation + item.effect + random.nextNormal();
	const median = withAi ? READER_MODEL.medianSeconds.aided : READER_MODEL.medianSeconds.unaided;
	const seconds =
		median * reader.pace * Math.exp(READER_MODEL.readingTimeLogSd * random.nextNormal());
	return {
		decision: latent > reader.threshold ? 1 : 0,
		confidence: Math.round(100 * normalCdf(latent - reader.threshold)),
		readingTimeMs: Math.round(1000 * Math.max(3.5, seconds))
	};
}

/** Deterministic sub-seeds: one stream per reader, one for the cases. */
export function simulationStreams(seed: number): {
	cases: SimulationRandom;
	reader: (index: number) => SimulationRandom;
} {
	return {
		cases: createRandom(seed),
		reader: (index) => createRandom((seed + 0x9e3779b9 * (index + 1)) >>> 0)
	};
}
