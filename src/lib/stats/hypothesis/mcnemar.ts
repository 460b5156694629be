// McNemar's test of two paired binary calls on the same cases (McNemar 1947, Psychometrika
// 12:153): only the discordant cases count — b = first positive, second negative; c = the reverse.
//   chi-square with continuity correction (Edwards 1948): (|b − c| − 1)²/(b + c), 1 df — the
//   statistic R's mcnemar.test(correct = TRUE) reports;
//   exact: two-sided p = min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, ½).
import { chiSquareSurvival } from '../distributions';
import { logGamma } from '../special-functions';
import { DesignError } from '../design-error';

export interface McNemarResult {
	/** Cases both call positive, only the first, only the second, neither. */
	both: number;
	onlyFirst: number;
	onlySecond: number;
	neither: number;
	/** Continuity-corrected statistic; null without discordant cases (nothing to test). */
	chiSquare: number | null;
	/** Its p-value (1 df); 1 without discordant cases. */
	chiSquareP: number;
	/** Exact binomial two-sided p-value. */
	exactP: number;
}

/** Two-sided exact p of b against c discordant cases under H0 (each direction ½). */
export function exactMcNemarP(b: number, c: number): number {
	const n = b + c;
	if (n === 0) return 1;
	const low = Math.min(b, c);
	let tail = 0;
	for (let k = 0; k <= low; k++)
		tail += Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) - n * Math.LN2);
	return Math.min(1, 2 * tail);
}

/** McNemar's test from the discordant counts b (first only) and c (second only). */
export function mcnemarFromCounts(
	b: number,
	c: number
): Pick<McNemarResult, 'chiSquare' | 'chiSquareP' | 'exactP'> {
	for (const [name, value] of [
		['b', b],
		['c', c]
	] as const)
		if (!Number.isInteger(value) || value < 0)
			throw new DesignError(`McNemar's ${name} must be a whole number ≥ 0, got ${value}`);
	if (b + c === 0) return { chiSquare: null, chiSquareP: 1, exactP: 1 };
	const chiSquare = (Math.abs(b - c) - 1) ** 2 / (b + c);
	return { chiSquare, chiSquareP: chiSquareSurvival(chiSquare, 1), exactP: exactMcNemarP(b, c) };
}

/** McNemar's test of two 0/1 call vectors on the same cases. */
export function mcnemarTest(first: ArrayLike<number>, second: ArrayLike<number>): McNemarResult {
	if (first.length !== second.length)
		throw new DesignError(
			`${first.length} and ${second.length} calls: both need one call per case`
		);
	const cells = { both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 };
	for (let index = 0; index < first.length; index++) {
		const a = first[index];
		const b = second[index];
		if ((a !== 0 && a !== 1) || (b !== 0 && b !== 1))
			throw new DesignError(`case ${index + 1}: calls must be 0 or 1, found ${a} and ${b}`);
		if (a === 1 && b === 1) cells.both++;
		else if (a === 1) cells.onlyFirst++;
		else if (b === 1) cells.onlySecond++;
		else cells.neither++;
	}
	return { ...cells, ...mcnemarFromCounts(cells.onlyFirst, cells.onlySecond) };
}
