// strata-balance.csv of the blind export: per stratum of the exported cases (the protocol's and
// the acquisition strata read from the images at import), the cases per value and the stratum's
// balance — the normalised Gini coefficient and Shannon entropy (stats/balance). Counts only: no
// case appears in it, so nothing needs a code.
import type { DbOrTx } from '../db/client';
import { acquisitionStrataByCase } from '../cases/acquisition-strata';
import { withAcquisitionStrata } from '../studies/case-strata';
import { strataDistribution } from '../studies/strata-distribution';
import { stratumBalance } from '../../stats/balance/stratum-balance';

export const STRATA_BALANCE_FILE = 'strata-balance.csv';
export const STRATA_BALANCE_HEADER = [
	'stratum',
	'value',
	'cases',
	'share',
	'stratum_cases',
	'categories',
	'gini',
	'shannon'
];

const fixed = (value: number | null) => (value === null ? null : value.toFixed(6));

export async function strataBalanceRows(
	db: DbOrTx,
	studyId: number,
	caseRows: ReadonlyArray<{ key: string; strata: string }>
): Promise<Array<Array<string | number | null>>> {
	const strata = stratumBalance(
		strataDistribution(
			withAcquisitionStrata(
				caseRows.map((row) => ({ caseKey: row.key, strataJson: row.strata })),
				await acquisitionStrataByCase(db, studyId)
			)
		)
	);
	return strata.flatMap((stratum) =>
		stratum.values.map((row) => [
			stratum.stratum,
			row.value,
			row.cases,
			fixed(row.cases / stratum.cases),
			stratum.cases,
			stratum.categories,
			fixed(stratum.gini),
			fixed(stratum.shannon)
		])
	);
}
