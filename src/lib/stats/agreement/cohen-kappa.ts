// Cohen's kappa for two raters (Cohen 1960), weighted kappa (Cohen 1968) with linear or
// quadratic agreement weights, and the large-sample standard errors of Fleiss, Cohen &
// Everitt 1969 (Psychol Bull 72:323): the null SE (κ = 0) for the z test and the non-null SE
// for the confidence interval. The z statistic is the one R's irr::kappa2 reports.
import { normalQuantile, normalSurvival } from '../distributions';
import { compareNatural } from '../natural-order';

export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

export interface CohenKappa {
	weights: KappaWeights;
	categories: string[];
	/** Number of subjects rated by both raters. */
	subjects: number;
	/** Observed (weighted) agreement p_o and agreement expected by chance p_e. */
	observedAgreement: number;
	expectedAgreement: number;
	kappa: number;
	/** Non-null large-sample SE (Fleiss, Cohen & Everitt 1969), used for the interval. */
	se: number;
	/** SE under H0: κ = 0 (Fleiss, Cohen & Everitt 1969), used for the z test. */
	seNull: number;
	z: number;
	/** Two-sided p-value of H0: κ = 0. */
	p: number;
	ciLower: number;
	ciUpper: number;
}

/** Agreement weight w_ij of categories i, j out of k (1 on the diagonal; Cohen 1968). */
export function agreementWeight(i: number, j: number, k: number, weights: KappaWeights): number {
	if (i === j) return 1;
	if (weights === 'unweighted' || k < 2) return 0;
	const distance = Math.abs(i - j) / (k - 1);
	return weights === 'linear' ? 1 - distance : 1 - distance * distance;
}

/** The k × k table of counts (rows: rater A, columns: rater B) in the given category order. */
export function contingencyTable(
	raterA: ArrayLike<string | number>,
	raterB: ArrayLike<string | number>,
	categories: string[]
): number[][] {
	if (raterA.length !== raterB.length) {
		throw new Error(
			`rater A rated ${raterA.length} subjects and rater B ${raterB.length}: both must rate the same subjects`
		);
	}
	const index = new Map(categories.map((category, i) => [category, i]));
	const table = categories.map(() => categories.map(() => 0));
	for (let s = 0; s < raterA.length; s++) {
		const a = index.get(String(raterA[s]));
		const b = index.get(String(raterB[s]));
		if (a === undefined || b === undefined) {
			throw new Error(
				`subject ${s + 1}: rating '${a === undefined ? raterA[s] : raterB[s]}' is not one of the categories ${categories.join(', ')}`
			);
		}
		(table[a] as number[])[b] = ((table[a] as number[])[b] as number) + 1;
	}
	return table;
}

/** Kappa from two raters' ratings; categories default to the observed values in natural order. */
export function cohenKappa(
	raterA: ArrayLike<string | number>,
	raterB: ArrayLike<string | number>,
	options: { weights?: KappaWeights; categories?: string[]; alpha?: number } = {}
): CohenKappa {
	const observed = new Set<string>();
	for (let s = 0; s < raterA.length; s++) observed.add(String(raterA[s]));
	for (let s = 0; s < raterB.length; s++) observed.add(String(raterB[s]));
	const categories = options.categories ?? [...observed].sort(compareNatural);
	return cohenKappaFromTable(contingencyTable(raterA, raterB, categories), {
		...options,
		categories
	});
}

interface TableProportions {
	subjects: number;
	/** Cell proportions p_ij, row margins p_i· and column margins p_·j. */
	cell: number[][];
	row: number[];
	column: number[];
}

function tableProportions(table: number[][]): TableProportions {
	const k = table.length;
	if (k < 2 || table.some((row) => row.length !== k))
		throw new Error('kappa needs a square table of at least 2 × 2 categories');
	const subjects = table.flat().reduce((sum, count) => {
		if (!(Number.isInteger(count) && count >= 0))
			throw new Error(`table counts must be whole numbers ≥ 0, found ${count}`);
		return sum + count;
	}, 0);
	if (subjects === 0) throw new Error('kappa needs at least one rated subject');
	const cell = table.map((row) => row.map((count) => count / subjects));
	const row = cell.map((values) => values.reduce((sum, value) => sum + value, 0));
	const column = cell.map((_, j) => cell.reduce((sum, values) => sum + (values[j] as number), 0));
	return { subjects, cell, row, column };
}

/** Σ_i Σ_j f(i, j) over a k × k table. */
function sumCells(k: number, f: (i: number, j: number) => number): number {
	let sum = 0;
	for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += f(i, j);
	return sum;
}

/** Non-null and null variances of κ̂ (Fleiss, Cohen & Everitt 1969, eqs. for weighted kappa). */
function fleissCohenEverittVariances(
	{ subjects, cell, row, column }: TableProportions,
	w: (i: number, j: number) => number,
	kappa: number,
	expected: number
): { variance: number; nullVariance: number } {
	const k = row.length;
	const at = (values: number[], i: number) => values[i] as number;
	// w̄_i· = Σ_j p_·j w_ij and w̄_·j = Σ_i p_i· w_ij.
	const rowWeight = row.map((_, i) => column.reduce((sum, pj, j) => sum + pj * w(i, j), 0));
	const columnWeight = column.map((_, j) => row.reduce((sum, pi, i) => sum + pi * w(i, j), 0));
	const pooled = (i: number, j: number) => at(rowWeight, i) + at(columnWeight, j);
	const scale = subjects * (1 - expected) ** 2;
	// Var(κ̂) = [ΣΣ p_ij (w_ij − (w̄_i· + w̄_·j)(1 − κ))² − (κ − p_e(1 − κ))²] / (N (1 − p_e)²).
	const spread = sumCells(
		k,
		(i, j) => at(cell[i] as number[], j) * (w(i, j) - pooled(i, j) * (1 - kappa)) ** 2
	);
	// Var₀(κ̂) = [ΣΣ p_i· p_·j (w_ij − (w̄_i· + w̄_·j))² − p_e²] / (N (1 − p_e)²).
	const nullSpread = sumCells(
		k,
		(i, j) => at(row, i) * at(column, j) * (w(i, j) - pooled(i, j)) ** 2
	);
	return {
		variance: (spread - (kappa - expected * (1 - kappa)) ** 2) / scale,
		nullVariance: (nullSpread - expected ** 2) / scale
	};
}

/** Kappa from a k × k table of counts (rows: rater A's category, columns: rater B's). */
export function cohenKappaFromTable(
	table: number[][],
	options: { weights?: KappaWeights; categories?: string[]; alpha?: number } = {}
): CohenKappa {
	const weights = options.weights ?? 'unweighted';
	const alpha = options.alpha ?? 0.05;
	const proportions = tableProportions(table);
	const k = table.length;
	const w = (i: number, j: number) => agreementWeight(i, j, k, weights);
	const observedAgreement = sumCells(
		k,
		(i, j) => w(i, j) * ((proportions.cell[i] as number[])[j] as number)
	);
	const expectedAgreement = sumCells(
		k,
		(i, j) => w(i, j) * (proportions.row[i] as number) * (proportions.column[j] as number)
	);
	if (!(expectedAgreement < 1)) {
		throw new Error(
			'kappa is undefined: both raters used a single category, so chance agreement is 1'
		);
	}
	// κ = (p_o − p_e) / (1 − p_e) (Cohen 1960; weighted: Cohen 1968).
	const kappa = (observedAgreement - expectedAgreement) / (1 - expectedAgreement);
	const { variance, nullVariance } = fleissCohenEverittVariances(
		proportions,
		w,
		kappa,
		expectedAgreement
	);
	const se = Math.sqrt(Math.max(variance, 0));
	const seNull = Math.sqrt(Math.max(nullVariance, 0));
	const z = kappa / seNull;
	const halfWidth = normalQuantile(1 - alpha / 2) * se;
	return {
		weights,
		categories: options.categories ?? table.map((_, i) => String(i + 1)),
		subjects: proportions.subjects,
		observedAgreement,
		expectedAgreement,
		kappa,
		se,
		seNull,
		z,
		p: 2 * normalSurvival(Math.abs(z)),
		ciLower: kappa - halfWidth,
		ciUpper: kappa + halfWidth
	};
}
