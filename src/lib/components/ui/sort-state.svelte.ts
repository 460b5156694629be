// Sorting for a table: click a column header to sort by it, again to reverse. Values compare
// numerically when both are numbers, otherwise as text in natural order; missing values go last.
import { compareNatural } from '$lib/stats/natural-order';

export type SortValue = string | number | null | undefined;

export class SortState<K extends string> {
	key = $state<K | null>(null);
	descending = $state(false);

	constructor(initial: K | null = null, descending = false) {
		this.key = initial;
		this.descending = descending;
	}

	toggle(key: K): void {
		if (this.key === key) this.descending = !this.descending;
		else {
			this.key = key;
			this.descending = false;
		}
	}

	/** aria-sort for a header cell. */
	aria(key: K): 'ascending' | 'descending' | 'none' {
		return this.key !== key ? 'none' : this.descending ? 'descending' : 'ascending';
	}

	apply<T>(rows: readonly T[], value: (row: T, key: K) => SortValue): T[] {
		const key = this.key;
		if (key === null) return [...rows];
		const sign = this.descending ? -1 : 1;
		return [...rows].sort((a, b) => {
			const [x, y] = [value(a, key), value(b, key)];
			if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
			if (y === null || y === undefined) return -1;
			return (
				sign *
				(typeof x === 'number' && typeof y === 'number'
					? x - y
					: compareNatural(String(x), String(y)))
			);
		});
	}
}
