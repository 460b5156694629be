// The AI's candidates matched to the truth lesions case by case with the protocol's rule
// (match-marks.ts), giving the AI as one reader of a lesion-level study: each lesion's LL score
// (the highest-scored candidate that localises it, −∞ when none does) and each case's NL scores.
// A case the AI failed on has every lesion unmarked (−∞) and no NL: it still counts, as an
// image and with its lesions missed. Regions sharing a lesion id are one lesion, which takes
// the weight and type of its first region.
import { matchMarks, type CaseMark } from '../match-marks';
import type { LesionMarks, LesionTruth } from '../lesion-study';
import {
	StandaloneInputError,
	type StandaloneCase,
	type StandaloneInput
} from './standalone-input';

const WEIGHT_TOLERANCE = 1e-6;

/** The AI as one reader of a lesion-level study: what the standalone analysis needs. */
export interface MatchedAi {
	truth: LesionTruth;
	marks: LesionMarks;
	/** Each lesion's type (null when the lesion has none). */
	lesionTypes: Array<string | null>;
	/** 1 for a case the AI failed on. */
	failed: Uint8Array;
}

export interface MatchedStandalone extends MatchedAi {
	/** Per case, per candidate in the order given: the lesion id it localises, or null (NL). */
	classification: Array<Array<string | null>>;
}

export function matchStandalone(input: StandaloneInput): MatchedStandalone {
	const lesionStart: number[] = [];
	const lesionCase: number[] = [];
	const lesionIds: string[] = [];
	const weights: number[] = [];
	const lesionTypes: Array<string | null> = [];
	const ll: number[] = [];
	const nlStart: number[] = [];
	const nl: number[] = [];
	const classification: Array<Array<string | null>> = [];
	const seen = new Set<string>();
	input.cases.forEach((c, k) => {
		if (seen.has(c.id)) throw new StandaloneInputError(`case ${c.id} is listed twice`);
		seen.add(c.id);
		lesionStart.push(lesionIds.length);
		nlStart.push(nl.length);
		const lesions = distinctLesions(c);
		const index = new Map(lesions.map((lesion, i) => [lesion.id, lesionIds.length + i]));
		for (const lesion of lesions) {
			lesionCase.push(k);
			lesionIds.push(lesion.id);
			weights.push(lesion.weight);
			lesionTypes.push(lesion.type);
			ll.push(-Infinity);
		}
		if (c.failed) {
			classification.push(c.candidates.map(() => null));
			return;
		}
		c.candidates.forEach((candidate, i) => {
			if (!Number.isFinite(candidate.score))
				throw new StandaloneInputError(
					`case ${c.id}, candidate ${i + 1}: score must be a finite number, got ${candidate.score}`
				);
		});
		const marks: CaseMark[] = c.candidates.map((candidate) => ({
			image: candidate.image,
			x: candidate.x,
			y: candidate.y,
			box: candidate.box,
			rating: candidate.score
		}));
		const { lesion } = matchMarks(marks, c.lesions, input.rule, c.spacing ?? (() => null));
		// A lesion drawn as several regions is localised once: should two candidates take it, the
		// higher-scored one is its LL and the other an NL.
		const winner = new Map<number, number>();
		lesion.forEach((id, i) => {
			if (id === null) return;
			const l = index.get(id) as number;
			const current = winner.get(l);
			if (
				current === undefined ||
				(marks[i] as CaseMark).rating > (marks[current] as CaseMark).rating
			)
				winner.set(l, i);
		});
		const classes: Array<string | null> = lesion.map(() => null);
		for (const [l, i] of winner) {
			classes[i] = lesionIds[l] as string;
			ll[l] = (marks[i] as CaseMark).rating;
		}
		classes.forEach((id, i) => {
			if (id === null) nl.push((marks[i] as CaseMark).rating);
		});
		classification.push(classes);
	});
	lesionStart.push(lesionIds.length);
	nlStart.push(nl.length);
	return {
		truth: {
			cases: input.cases.map((c) => c.id),
			truth: Uint8Array.from(input.cases, (c) => (c.lesions.length > 0 ? 1 : 0)),
			lesionStart: Int32Array.from(lesionStart),
			lesionCase: Int32Array.from(lesionCase),
			lesionIds,
			weights: Float64Array.from(weights)
		},
		marks: {
			nlStart: Int32Array.from(nlStart),
			nl: Float64Array.from(nl),
			ll: Float64Array.from(ll)
		},
		lesionTypes,
		failed: Uint8Array.from(input.cases, (c) => (c.failed ? 1 : 0)),
		classification
	};
}

interface DistinctLesion {
	id: string;
	weight: number;
	type: string | null;
}

/** The case's lesions by id, with their weights (declared, or equal) checked to sum to 1. */
function distinctLesions(c: StandaloneCase): DistinctLesion[] {
	const byId = new Map<string, DistinctLesion & { declared: number | undefined }>();
	for (const lesion of c.lesions) {
		if (byId.has(lesion.id)) continue;
		if (lesion.weight !== undefined && !(Number.isFinite(lesion.weight) && lesion.weight > 0))
			throw new StandaloneInputError(
				`case ${c.id}, lesion ${lesion.id}: weight must be a number > 0, got ${lesion.weight}`
			);
		byId.set(lesion.id, {
			id: lesion.id,
			weight: 0,
			declared: lesion.weight,
			type: lesion.type ?? null
		});
	}
	const lesions = [...byId.values()];
	const declared = lesions.filter((lesion) => lesion.declared !== undefined);
	if (declared.length === 0) for (const lesion of lesions) lesion.weight = 1 / lesions.length;
	else {
		if (declared.length < lesions.length)
			throw new StandaloneInputError(
				`case ${c.id}: give a weight for every lesion or for none (lesion ${lesions.find((l) => l.declared === undefined)!.id} has none)`
			);
		const total = lesions.reduce((sum, lesion) => sum + (lesion.declared as number), 0);
		if (Math.abs(total - 1) > WEIGHT_TOLERANCE)
			throw new StandaloneInputError(`case ${c.id}: lesion weights sum to ${total}, not 1`);
		for (const lesion of lesions) lesion.weight = lesion.declared as number;
	}
	return lesions.map(({ id, weight, type }) => ({ id, weight, type }));
}
