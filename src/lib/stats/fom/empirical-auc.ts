// Empirical (Wilcoxon–Mann–Whitney) AUC with ties counting ½, and its placement values
// (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837), from one sort per group:
// O(N log N) per reader × modality instead of the O(N²) pairwise sum — or, for integer ratings
// over a short range (a confidence scale), from counts by value: O(N + range).
//
// Every count is kept as an integer "twice the number of wins" (a win counts 2, a tie 1),
// so the AUC and each leave-one-out AUC are a single correctly rounded division of an
// exact integer — bit-identical to recomputing the AUC from scratch without that case.
import { DesignError } from '../design-error';
import { allCases, type FigureOfMerit, type FomComputation } from './figure-of-merit';

export interface AucPlacements {
	/** Number of positive (diseased) and negative (non-diseased) cases. */
	positiveCount: number;
	negativeCount: number;
	/** Case indices of the positive and negative cases, in case order. */
	positiveCases: Int32Array;
	negativeCases: Int32Array;
	/** Per positive case: 2·#(negatives rated lower) + #(negatives tied). */
	positiveWins: Float64Array;
	/** Per negative case: 2·#(positives rated higher) + #(positives tied). */
	negativeWins: Float64Array;
	/** Σ positiveWins = Σ negativeWins = 2 × the Mann–Whitney U statistic. */
	twiceWins: number;
	auc: number;
}

/** A sorted sample compressed to its distinct values and how many values lie below each. */
interface TieTable {
	values: Float64Array;
	/** below[u] = #(sample < values[u]); below[distinct] = sample size. */
	below: Float64Array;
}

function tieTable(sample: Float64Array): TieTable {
	const sorted = sample.slice().sort();
	const values = new Float64Array(sorted.length);
	const below = new Float64Array(sorted.length + 1);
	let distinct = 0;
	for (let i = 0; i < sorted.length; i++) {
		if (i === 0 || sorted[i] !== sorted[i - 1]) {
			values[distinct] = sorted[i] as number;
			below[distinct++] = i;
		}
	}
	below[distinct] = sorted.length;
	return { values: values.subarray(0, distinct), below: below.subarray(0, distinct + 1) };
}

/** Integer ratings from `lowest` on, over a range of `span` values. */
interface IntegerRange {
	lowest: number;
	span: number;
}

/** A sample counted by value: below[u] = #(sample < lowest + u), for u = 0 … span. */
interface CountTable {
	lowest: number;
	below: Int32Array;
}

/**
 * The range of the ratings when all are integers over a range no wider than a few times their
 * count (confidence scales, 0–100 scores): they are then counted by value, not sorted.
 */
function integerRange(ratings: Float64Array): IntegerRange | undefined {
	let lowest = Infinity;
	let highest = -Infinity;
	for (let k = 0; k < ratings.length; k++) {
		const value = ratings[k] as number;
		if (!Number.isInteger(value)) return undefined;
		if (value < lowest) lowest = value;
		if (value > highest) highest = value;
	}
	const span = highest - lowest + 1;
	return span <= Math.max(1024, 4 * ratings.length) ? { lowest, span } : undefined;
}

function countBelow(sample: Float64Array, { lowest, span }: IntegerRange): CountTable {
	const below = new Int32Array(span + 1);
	for (let i = 0; i < sample.length; i++) {
		const u = (sample[i] as number) - lowest + 1;
		below[u] = (below[u] as number) + 1;
	}
	for (let u = 1; u <= span; u++) below[u] = (below[u] as number) + (below[u - 1] as number);
	return { lowest, below };
}

/** For each x of `values`: #(sample < x) + #(sample ≤ x), `sample` given by its table. */
function twiceBelowPlusTiesOf(table: TieTable | CountTable, values: Float64Array): Float64Array {
	const out = new Float64Array(values.length);
	if ('lowest' in table) {
		const { lowest, below } = table;
		for (let i = 0; i < values.length; i++) {
			const u = (values[i] as number) - lowest;
			out[i] = (below[u] as number) + (below[u + 1] as number);
		}
	} else
		for (let i = 0; i < values.length; i++) out[i] = twiceBelowPlusTies(table, values[i] as number);
	return out;
}

/** #(sample < x) + #(sample ≤ x): one binary search over the distinct values. */
function twiceBelowPlusTies(table: TieTable, x: number): number {
	const { values, below } = table;
	let low = 0;
	let high = values.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((values[middle] as number) < x) low = middle + 1;
		else high = middle;
	}
	const strictlyBelow = below[low] as number;
	const atOrBelow =
		low < values.length && values[low] === x ? (below[low + 1] as number) : strictlyBelow;
	return strictlyBelow + atOrBelow;
}

/** Placement counts and AUC of ratings (higher = more suspicious) against truth. */
export function aucPlacements(ratings: Float64Array, truth: Uint8Array): AucPlacements {
	let m = 0;
	for (let k = 0; k < truth.length; k++) m += truth[k] as number;
	const n = truth.length - m;
	if (m === 0 || n === 0)
		throw new DesignError('empirical AUC needs at least one diseased and one non-diseased case');
	const positiveCases = new Int32Array(m);
	const negativeCases = new Int32Array(n);
	const positiveRatings = new Float64Array(m);
	const negativeRatings = new Float64Array(n);
	for (let k = 0, i = 0, j = 0; k < truth.length; k++) {
		if (truth[k] === 1) {
			positiveCases[i] = k;
			positiveRatings[i++] = ratings[k] as number;
		} else {
			negativeCases[j] = k;
			negativeRatings[j++] = ratings[k] as number;
		}
	}
	const range = integerRange(ratings);
	const negativeBelow = range ? countBelow(negativeRatings, range) : tieTable(negativeRatings);
	const positiveBelow = range ? countBelow(positiveRatings, range) : tieTable(positiveRatings);
	const positiveWins = twiceBelowPlusTiesOf(negativeBelow, positiveRatings);
	let twiceWins = 0;
	for (let i = 0; i < m; i++) twiceWins += positiveWins[i] as number;
	const negativeWins = twiceBelowPlusTiesOf(positiveBelow, negativeRatings);
	for (let j = 0; j < n; j++) negativeWins[j] = 2 * m - (negativeWins[j] as number);
	return {
		positiveCount: m,
		negativeCount: n,
		positiveCases,
		negativeCases,
		positiveWins,
		negativeWins,
		twiceWins,
		auc: twiceWins / (2 * m * n)
	};
}

/** Empirical AUC: P(X_diseased > Y_non-diseased) + ½ P(tie). */
export function empiricalAuc(ratings: Float64Array, truth: Uint8Array): number {
	return aucPlacements(ratings, truth).auc;
}

/**
 * Leave-one-out AUCs over all cases (case order): leaving out a positive case removes its
 * wins from the numerator and one positive from the denominator, and likewise a negative.
 */
export function aucLeaveOneOut(placements: AucPlacements): Float64Array {
	const { positiveCount: m, negativeCount: n, twiceWins } = placements;
	if (m < 2 || n < 2) {
		throw new DesignError(
			'the jackknife AUC needs at least two diseased and two non-diseased cases'
		);
	}
	const out = new Float64Array(m + n);
	placements.positiveCases.forEach((k, i) => {
		out[k] = (twiceWins - (placements.positiveWins[i] as number)) / (2 * (m - 1) * n);
	});
	placements.negativeCases.forEach((k, j) => {
		out[k] = (twiceWins - (placements.negativeWins[j] as number)) / (2 * m * (n - 1));
	});
	return out;
}

/**
 * Weighted empirical AUC for bootstrap resamples: one pass over the cases in rating order
 * (sorted once), each tie group adding w⁺·(W⁻ below + ½ w⁻ in the group).
 */
function weightedAucEvaluator(
	ratings: Float64Array,
	truth: Uint8Array
): (weights: Float64Array) => number {
	const order = Int32Array.from({ length: ratings.length }, (_, k) => k).sort(
		(a, b) => (ratings[a] as number) - (ratings[b] as number)
	);
	return (weights) => {
		let negativeBelow = 0;
		let positiveTotal = 0;
		let wins = 0;
		for (let start = 0; start < order.length;) {
			const value = ratings[order[start] as number] as number;
			let groupPositive = 0;
			let groupNegative = 0;
			let end = start;
			for (; end < order.length && ratings[order[end] as number] === value; end++) {
				const k = order[end] as number;
				if (truth[k] === 1) groupPositive += weights[k] as number;
				else groupNegative += weights[k] as number;
			}
			wins += groupPositive * (negativeBelow + 0.5 * groupNegative);
			negativeBelow += groupNegative;
			positiveTotal += groupPositive;
			start = end;
		}
		return wins / (positiveTotal * negativeBelow);
	};
}

/** The empirical AUC as a figure of merit. */
export const empiricalAucFom: FigureOfMerit = {
	name: 'auc',
	label: 'empirical AUC',
	boundedToUnitInterval: true,
	jackknifeCases: allCases,
	compute(values: Float64Array, truth: Uint8Array): FomComputation {
		const placements = aucPlacements(values, truth);
		let evaluator: ((weights: Float64Array) => number) | undefined;
		return {
			estimate: placements.auc,
			leaveOneOut: () => aucLeaveOneOut(placements),
			weightedEstimate: (weights) => {
				evaluator ??= weightedAucEvaluator(values, truth);
				return evaluator(weights);
			}
		};
	}
};
