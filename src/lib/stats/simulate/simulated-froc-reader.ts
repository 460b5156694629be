// Simulated marks for a lesion-level (FROC) demonstration, never for a real trial: the
// radiological search model (RSM) of Chakraborty (2006), as RJafroc simulates it. A reader with
// perceptual separation μ finds each lesion of a case independently with probability
// ν = 1 − exp(−ν′·μ) and makes a Poisson number of non-lesion localisations with mean λ = λ′/μ.
// Each found lesion's latent rating is N(μ, 1), each NL's N(0, 1); only marks above the reporting
// threshold ζ₁ are kept. A kept mark is placed near the lesion's centre (LL) or anywhere on a
// random image of the case (NL); the matching engine, not this module, decides what it localises.
import { normalCdf } from '../distributions';
import type { SimulationRandom } from '../random';

export interface RsmReader {
	/** Separation μ of lesion ratings from NL ratings (also scales search: λ = λ′/μ). */
	mu: number;
	/** Intrinsic NL rate λ′: NLs per case are Poisson with mean λ′/μ. */
	lambdaPrime: number;
	/** Intrinsic lesion-finding parameter ν′: a lesion is found with probability 1 − exp(−ν′μ). */
	nuPrime: number;
	/** Reporting threshold ζ₁ on the latent scale: a mark below it is not made. */
	zeta1: number;
}

/** A lesion as the simulator sees it: where its centre is (one of its regions). */
export interface SimulatedLesion {
	image: number;
	x: number;
	y: number;
	/** How far from the centre a mark may land, in pixels (the lesion's radius). */
	spreadPx: number;
}

export interface SimulatedImage {
	columns: number;
	rows: number;
}

export interface SimulatedMark {
	image: number;
	x: number;
	y: number;
	/**
	 * The latent rating as a 0 … 1 score, Φ(z − ζ₁ − 1.5) (monotone in z; centred 1.5 above the
	 * reporting threshold so that an NL's and a found lesion's typical ratings fall low and high on a
	 * scale rather than all at its top): the caller puts it on the protocol's scale.
	 */
	score: number;
	/** For a mark drawn near a lesion: that lesion's index in the list given (the matching still decides). */
	near?: number;
}

/** Where on the latent scale, above the reporting threshold, a score of ½ falls. */
const SCORE_CENTRE = 1.5;

/** Probability that a lesion is found by a reader of separation μ (before the reporting threshold). */
export function lesionFindProbability(reader: RsmReader): number {
	return 1 - Math.exp(-reader.nuPrime * reader.mu);
}

/** Mean number of NLs per case (before the reporting threshold). */
export function nlRate(reader: RsmReader): number {
	return reader.lambdaPrime / reader.mu;
}

/** A Poisson count by inversion of its cdf (small means only: λ of a few). */
function poisson(mean: number, random: SimulationRandom): number {
	const u = random.nextFloat();
	let k = 0;
	let term = Math.exp(-mean);
	let cdf = term;
	while (u > cdf && k < 1000) {
		k++;
		term *= mean / k;
		cdf += term;
	}
	return k;
}

/**
 * One reader's marks on one case. `images` gives each image's size (1-based image = index + 1).
 * The draws happen in a fixed order (lesions as given, then NLs), so a seed fixes every mark.
 */
export function simulateFrocMarks(
	reader: RsmReader,
	lesions: readonly SimulatedLesion[],
	images: readonly SimulatedImage[],
	random: SimulationRandom
): SimulatedMark[] {
	const marks: SimulatedMark[] = [];
	const found = lesionFindProbability(reader);
	for (const [near, lesion] of lesions.entries()) {
		const isFound = random.nextFloat() < found;
		const latent = reader.mu + random.nextNormal();
		const angle = 2 * Math.PI * random.nextFloat();
		const offset = lesion.spreadPx * Math.sqrt(random.nextFloat()) * 0.8;
		if (!isFound || latent < reader.zeta1) continue;
		const size = images[lesion.image - 1];
		marks.push({
			image: lesion.image,
			x: clamp(Math.round(lesion.x + offset * Math.cos(angle)), size?.columns),
			y: clamp(Math.round(lesion.y + offset * Math.sin(angle)), size?.rows),
			score: aboveThreshold(latent, reader.zeta1),
			near
		});
	}
	if (images.length === 0) return marks;
	const count = poisson(nlRate(reader), random);
	for (let index = 0; index < count; index++) {
		const image = Math.min(images.length, 1 + Math.floor(random.nextFloat() * images.length));
		const size = images[image - 1]!;
		const x = Math.floor(random.nextFloat() * size.columns);
		const y = Math.floor(random.nextFloat() * size.rows);
		const latent = random.nextNormal();
		if (latent < reader.zeta1) continue;
		marks.push({ image, x, y, score: aboveThreshold(latent, reader.zeta1) });
	}
	return marks;
}

function aboveThreshold(latent: number, zeta1: number): number {
	return normalCdf(latent - zeta1 - SCORE_CENTRE);
}

function clamp(value: number, size: number | undefined): number {
	return Math.max(0, size === undefined ? value : Math.min(size - 1, value));
}

/**
 * A 0…1 score on the protocol's confidence scale: percent 0–100 (rounded), five-point 1–5 in
 * equal fifths. Monotone, so the order of the marks' ratings is the order of their scores.
 */
export function scoreOnScale(score: number, scale: 'percent' | 'five-point'): number {
	if (scale === 'percent') return Math.round(100 * score);
	return Math.min(5, 1 + Math.floor(5 * score));
}
