// A case's strata as the test-set description shows them: the protocol's columns (cases.csv),
// then the acquisition strata read from its images' headers (cases/acquisition-bins.ts) that the
// protocol does not already give.

export function withAcquisitionStrata(
	rows: ReadonlyArray<{ caseKey: string; strataJson: string }>,
	acquisition: ReadonlyMap<string, Readonly<Record<string, string | undefined>>>
): Array<Record<string, string>> {
	return rows.map((row) => {
		const strata = JSON.parse(row.strataJson) as Record<string, string>;
		for (const [stratum, value] of Object.entries(acquisition.get(row.caseKey) ?? {}))
			if (value !== undefined && !(stratum in strata)) strata[stratum] = value;
		return strata;
	});
}
