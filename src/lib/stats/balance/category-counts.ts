// Shared check of the input of the balance measures: a stratum's case counts per category.
import { DesignError } from '../design-error';

/** The counts, checked (finite, not negative); throws a DesignError naming the bad entry. */
export function checkedCounts(counts: readonly number[]): readonly number[] {
	counts.forEach((count, index) => {
		if (!Number.isFinite(count) || count < 0)
			throw new DesignError(
				`category count ${index + 1} must be a finite number ≥ 0 (got ${String(count)})`
			);
	});
	return counts;
}

/** The sum of the counts. */
export function totalOf(counts: readonly number[]): number {
	return counts.reduce((sum, count) => sum + count, 0);
}
