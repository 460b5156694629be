// Fisher–Yates shuffle in Durstenfeld's in-place form (Durstenfeld 1964, CACM 7(7):420; Knuth, TAOCP
// vol. 2, §3.4.2, Algorithm P): for i = n−1 down to 1, swap item i with item j, j uniform in 0..i.
// The draw order (bounds n, n−1, …, 2) is that of the pcg-c-basic demo's card deal.
import type { RandomSource } from './random-source';

/** A shuffled copy of `items`; the input is left as it is. */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
	const result = [...items];
	for (let index = result.length - 1; index > 0; index -= 1) {
		const chosen = random.integerBelow(index + 1);
		const item = result[index] as T;
		result[index] = result[chosen] as T;
		result[chosen] = item;
	}
	return result;
}
