// The AI judged lesion by lesion (issue 18, item 8): its candidates matched to the truth lesions
// by the protocol's rule (match-standalone.ts), then, with the AI as one reader,
//   - the empirical FROC curve and lesion sensitivity at declared NLs per image (default 1, 2
//     and 4; linear interpolation on the curve, froc-curve.ts),
//   - the wAFROC and AFROC figures of merit and curves (null without non-diseased cases),
//   - the precision–recall curve and all-point average precision (VOC 2010–2012), overall and
//     per lesion type, and their mean over types (mAP),
// each figure with a case-resampling bootstrap percentile interval (bootstrap-interval.ts;
// seeded, default 2,000 resamples, 95 %). Cases the AI failed on count with every lesion missed.
import { createRandom } from '../../random';
import { sortNatural } from '../../natural-order';
import { afrocCurveOf } from '../curves/afroc-curve';
import { curveArea, type ThresholdPoint } from '../curves/curve-points';
import { frocCurveOf, sensitivityAtNlf } from '../curves/froc-curve';
import {
	percentileInterval,
	stratifiedResampler,
	type IntervalEstimate
} from './bootstrap-interval';
import { matchStandalone, type MatchedAi, type MatchedStandalone } from './match-standalone';
import {
	averagePrecisionsOf,
	precisionRecall,
	prepareCandidates,
	type PrPoint
} from './precision-recall';
import { StandaloneInputError, type StandaloneInput } from './standalone-input';

export interface StandaloneOptions {
	/** NLs per image at which lesion sensitivity is reported; default [1, 2, 4]. */
	nlPerImage?: readonly number[];
	/** Bootstrap resamples; default 2,000. */
	samples?: number;
	/** Seed of the resampling; default 1. */
	seed?: number;
	/** Confidence level of the intervals; default 0.95. */
	level?: number;
}

export interface AfrocSummary {
	curve: ThresholdPoint[];
	figure: IntervalEstimate;
}

export interface StandaloneResult<Matched extends MatchedAi = MatchedStandalone> {
	cases: number;
	diseasedCases: number;
	lesions: number;
	/** Candidates on the cases the AI did not fail on. */
	candidates: number;
	failedCases: number;
	froc: ThresholdPoint[];
	sensitivity: Array<{ nlPerImage: number } & IntervalEstimate>;
	wafroc: AfrocSummary | null;
	afroc: AfrocSummary | null;
	precisionRecall: { points: PrPoint[]; averagePrecision: IntervalEstimate };
	byType: Array<{
		type: string;
		lesions: number;
		points: PrPoint[];
		averagePrecision: IntervalEstimate;
	}>;
	/** The mean of the per-type APs; null when no lesion has a type. */
	meanAveragePrecision: IntervalEstimate | null;
	bootstrap: { samples: number; seed: number; level: number; interval: 'percentile' };
	/** The matched candidates the figures come from. */
	matched: Matched;
}

export function analyzeStandalone(
	input: StandaloneInput,
	options: StandaloneOptions = {}
): StandaloneResult {
	return analyzeMatchedStandalone(matchStandalone(input), options);
}

/**
 * The same analysis from candidates already matched: the AI as one reader of a lesion-level
 * study (each lesion's LL score, −∞ when missed; each case's NL scores), its lesions' types and
 * the cases it failed on.
 */
export function analyzeMatchedStandalone<Matched extends MatchedAi>(
	matched: Matched,
	options: StandaloneOptions = {}
): StandaloneResult<Matched> {
	const { nlPerImage = [1, 2, 4], samples = 2000, seed = 1, level = 0.95 } = options;
	if (!(Number.isInteger(samples) && samples >= 2))
		throw new StandaloneInputError(`bootstrap samples must be an integer ≥ 2, got ${samples}`);
	if (!(level > 0 && level < 1))
		throw new StandaloneInputError(`the confidence level must lie in (0, 1), got ${level}`);
	for (const nlf of nlPerImage)
		if (!(Number.isFinite(nlf) && nlf >= 0))
			throw new StandaloneInputError(`NLs per image must be a number ≥ 0, got ${nlf}`);
	const { truth, marks, lesionTypes } = matched;
	const diseased = truth.truth.reduce((sum, value) => sum + value, 0);
	if (diseased === 0)
		throw new StandaloneInputError('the AI standalone analysis needs at least one diseased case');
	const withNormals = diseased < truth.cases.length;
	const types = sortNatural(new Set(lesionTypes.filter((type): type is string => type !== null)));
	const ofType = types.map((type) => (l: number) => lesionTypes[l] === type);
	const typeIndex = new Map(types.map((type, t) => [type, t]));
	const lesionGroup = Int32Array.from(lesionTypes, (type) =>
		type === null ? -1 : (typeIndex.get(type) as number)
	);
	const prepared = prepareCandidates(truth, marks);
	const froc = frocCurveOf(truth, marks);
	const averagePrecisionOf = averagePrecisionsOf(prepared, lesionGroup, types.length);
	// The wAFROC / AFROC figures are the areas under their curves (equal to wafroc.ts / afroc.ts).
	const afrocs = withNormals
		? { wafroc: afrocCurveOf(truth, marks, 'declared'), afroc: afrocCurveOf(truth, marks, 'equal') }
		: null;

	/** Every figure, in a fixed order, for the study or one resample. */
	const figures = (multiplicity?: Float64Array): number[] => {
		const curve = froc(multiplicity);
		const values = nlPerImage.map((nlf) => sensitivityAtNlf(curve, nlf));
		if (afrocs)
			values.push(curveArea(afrocs.wafroc(multiplicity)), curveArea(afrocs.afroc(multiplicity)));
		const aps = averagePrecisionOf(multiplicity);
		values.push(...aps);
		if (types.length > 0) {
			let sum = 0;
			for (let t = 1; t <= types.length; t++) sum += aps[t] as number;
			values.push(sum / types.length);
		}
		return values;
	};

	const estimates = figures();
	const replicates = estimates.map(() => new Float64Array(samples));
	const resampler = stratifiedResampler(truth.truth, createRandom(seed));
	const multiplicity = new Float64Array(truth.cases.length);
	for (let b = 0; b < samples; b++) {
		resampler.next(multiplicity);
		figures(multiplicity).forEach((value, f) => ((replicates[f] as Float64Array)[b] = value));
	}
	let f = 0;
	const interval = () => {
		const index = f++;
		return percentileInterval(estimates[index] as number, replicates[index] as Float64Array, level);
	};
	const sensitivity = nlPerImage.map((nlf) => ({ nlPerImage: nlf, ...interval() }));
	const wafroc = afrocs ? { curve: afrocs.wafroc(), figure: interval() } : null;
	const afroc = afrocs ? { curve: afrocs.afroc(), figure: interval() } : null;
	const overall = { points: precisionRecall(prepared).points, averagePrecision: interval() };
	const byType = types.map((type, t) => ({
		type,
		lesions: lesionTypes.filter((other) => other === type).length,
		points: precisionRecall(prepared, { lesion: ofType[t] }).points,
		averagePrecision: interval()
	}));
	return {
		cases: truth.cases.length,
		diseasedCases: diseased,
		lesions: truth.lesionIds.length,
		candidates: prepared.scores.length,
		failedCases: matched.failed.reduce((sum, value) => sum + value, 0),
		froc: froc(),
		sensitivity,
		wafroc,
		afroc,
		precisionRecall: overall,
		byType,
		meanAveragePrecision: types.length > 0 ? interval() : null,
		bootstrap: { samples, seed, level, interval: 'percentile' },
		matched
	};
}
