// Counts of cases per stratum value (CAS-1), for the admin page and the report.

/** Counts of cases per value of each stratum (CAS-1: the product reports the distribution). */
export function strataDistribution(
	rows: ReadonlyArray<Record<string, string>>
): Array<{ stratum: string; values: Array<{ value: string; cases: number }> }> {
	const byStratum = new Map<string, Map<string, number>>();
	for (const row of rows) {
		for (const [stratum, value] of Object.entries(row)) {
			const counts = byStratum.get(stratum) ?? new Map<string, number>();
			counts.set(value, (counts.get(value) ?? 0) + 1);
			byStratum.set(stratum, counts);
		}
	}
	return [...byStratum].map(([stratum, counts]) => ({
		stratum,
		values: [...counts]
			.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
			.map(([value, n]) => ({ value, cases: n }))
	}));
}
