// Fleiss' kappa for m raters per subject on a nominal scale (Fleiss 1971, Psychol Bull
// 76:378), with the standard error under H0: κ = 0 of Fleiss, Nee & Landis 1979 (Psychol
// Bull 86:974; Fleiss, Levin & Paik 2003 §18.4) for the z test — the one R's irr::kappam.fleiss
// reports — and category-wise kappas. No closed-form non-null SE is given there, so the
// confidence interval uses the jackknife over subjects (Efron 1982): the subjects are the
// independent units, raters within a subject need not be the same people.
import { normalQuantile, normalSurvival } from '../distributions';
import { compareNatural } from '../natural-order';

export interface CategoryKappa {
	category: string;
	/** Share of all ratings in this category, p_j. */
	proportion: number;
	/** κ_j = 1 − Σ_i n_ij (m − n_ij) / (n m (m − 1) p_j q_j) (Fleiss 1971); null when p_j is 0 or 1. */
	kappa: number | null;
	/** Null SE √(2 / (n m (m − 1))) and z = κ_j / SE (Fleiss, Levin & Paik 2003); z null with κ_j. */
	seNull: number;
	z: number | null;
}

export interface FleissKappa {
	subjects: number;
	ratersPerSubject: number;
	categories: string[];
	/** Mean observed pairwise agreement P̄ and chance agreement P̄_e = Σ p_j². */
	observedAgreement: number;
	expectedAgreement: number;
	kappa: number;
	/** Null SE (Fleiss, Nee & Landis 1979) and the z test of H0: κ = 0. */
	seNull: number;
	z: number;
	p: number;
	/** Jackknife SE over subjects and the (1 − α) interval κ ± z·SE. */
	se: number;
	ciLower: number;
	ciUpper: number;
	categoryKappas: CategoryKappa[];
}

/** Subjects × categories counts n_ij from subjects × raters ratings. */
export function ratingCounts(
	ratings: Array<ArrayLike<string | number>>,
	categories: string[]
): number[][] {
	const index = new Map(categories.map((category, j) => [category, j]));
	return ratings.map((row, s) => {
		const counts = categories.map(() => 0);
		for (let r = 0; r < row.length; r++) {
			const j = index.get(String(row[r]));
			if (j === undefined)
				throw new Error(
					`subject ${s + 1}: rating '${row[r]}' is not one of the categories ${categories.join(', ')}`
				);
			counts[j] = (counts[j] as number) + 1;
		}
		return counts;
	});
}

/** Fleiss' kappa from subjects × raters ratings; categories default to those observed, in natural order. */
export function fleissKappa(
	ratings: Array<ArrayLike<string | number>>,
	options: { categories?: string[]; alpha?: number } = {}
): FleissKappa {
	const observed = new Set<string>();
	for (const row of ratings) for (let r = 0; r < row.length; r++) observed.add(String(row[r]));
	const categories = options.categories ?? [...observed].sort(compareNatural);
	return fleissKappaFromCounts(ratingCounts(ratings, categories), { ...options, categories });
}

interface Sums {
	/** Σ_i P_i with P_i = Σ_j n_ij (n_ij − 1) / (m (m − 1)). */
	agreement: number;
	/** Σ_i n_ij per category. */
	byCategory: number[];
}

function sums(counts: number[][], m: number): Sums {
	const byCategory = (counts[0] ?? []).map(() => 0);
	let agreement = 0;
	for (const row of counts) {
		row.forEach((count, j) => {
			agreement += (count * (count - 1)) / (m * (m - 1));
			byCategory[j] = (byCategory[j] as number) + count;
		});
	}
	return { agreement, byCategory };
}

/** κ = (P̄ − P̄_e) / (1 − P̄_e) from the sums over n subjects (Fleiss 1971). */
function kappaFromSums(
	{ agreement, byCategory }: Sums,
	n: number,
	m: number
): { kappa: number; observed: number; expected: number } {
	const observed = agreement / n;
	const expected = byCategory.reduce((sum, total) => sum + (total / (n * m)) ** 2, 0);
	return { kappa: (observed - expected) / (1 - expected), observed, expected };
}

function checkCounts(counts: number[][]): number {
	if (counts.length < 2)
		throw new Error(`Fleiss' kappa needs at least 2 subjects, got ${counts.length}`);
	const m = (counts[0] ?? []).reduce((sum, count) => sum + count, 0);
	counts.forEach((row, s) => {
		const raters = row.reduce((sum, count) => {
			if (!(Number.isInteger(count) && count >= 0))
				throw new Error(`subject ${s + 1}: counts must be whole numbers ≥ 0, found ${count}`);
			return sum + count;
		}, 0);
		if (raters !== m)
			throw new Error(
				`Fleiss' kappa needs the same number of ratings per subject: subject 1 has ${m}, subject ${s + 1} has ${raters}`
			);
	});
	if (m < 2) throw new Error(`Fleiss' kappa needs at least 2 ratings per subject, got ${m}`);
	return m;
}

/** Jackknife SE over subjects: √((n − 1)/n Σ_s (κ_(−s) − κ̄_(·))²). */
function jackknifeSe(counts: number[][], total: Sums, m: number): number {
	const n = counts.length;
	const leaveOneOut = counts.map((row) => {
		const rowAgreement = row.reduce((sum, count) => sum + (count * (count - 1)) / (m * (m - 1)), 0);
		const reduced: Sums = {
			agreement: total.agreement - rowAgreement,
			byCategory: total.byCategory.map((value, j) => value - (row[j] as number))
		};
		return kappaFromSums(reduced, n - 1, m).kappa;
	});
	const mean = leaveOneOut.reduce((sum, value) => sum + value, 0) / n;
	return Math.sqrt(
		((n - 1) / n) * leaveOneOut.reduce((sum, value) => sum + (value - mean) ** 2, 0)
	);
}

/** Fleiss' kappa from subjects × categories counts (every row summing to the same m). */
export function fleissKappaFromCounts(
	counts: number[][],
	options: { categories?: string[]; alpha?: number } = {}
): FleissKappa {
	const m = checkCounts(counts);
	const n = counts.length;
	const alpha = options.alpha ?? 0.05;
	const categories = options.categories ?? (counts[0] ?? []).map((_, j) => String(j + 1));
	const total = sums(counts, m);
	const { kappa, observed, expected } = kappaFromSums(total, n, m);
	if (!(expected < 1))
		throw new Error(
			"Fleiss' kappa is undefined: every rating is in one category, so chance agreement is 1"
		);
	const p = total.byCategory.map((value) => value / (n * m));
	const pq = p.reduce((sum, pj) => sum + pj * (1 - pj), 0);
	// Var₀(κ̂) = 2 [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)] / (n m (m − 1) (Σ p_j q_j)²) (Fleiss, Nee & Landis 1979).
	const nullVariance =
		(2 * (pq * pq - p.reduce((sum, pj) => sum + pj * (1 - pj) * (1 - 2 * pj), 0))) /
		(n * m * (m - 1) * pq * pq);
	const seNull = Math.sqrt(nullVariance);
	const se = jackknifeSe(counts, total, m);
	const halfWidth = normalQuantile(1 - alpha / 2) * se;
	const categorySe = Math.sqrt(2 / (n * m * (m - 1)));
	return {
		subjects: n,
		ratersPerSubject: m,
		categories,
		observedAgreement: observed,
		expectedAgreement: expected,
		kappa,
		seNull,
		z: kappa / seNull,
		p: 2 * normalSurvival(Math.abs(kappa / seNull)),
		se,
		ciLower: kappa - halfWidth,
		ciUpper: kappa + halfWidth,
		categoryKappas: categories.map((category, j) => {
			const pj = p[j] as number;
			const disagreement = counts.reduce(
				(sum, row) => sum + (row[j] as number) * (m - (row[j] as number)),
				0
			);
			const categoryKappa =
				pj > 0 && pj < 1 ? 1 - disagreement / (n * m * (m - 1) * pj * (1 - pj)) : null;
			const z = categoryKappa === null ? null : categoryKappa / categorySe;
			return { category, proportion: pj, kappa: categoryKappa, seNull: categorySe, z };
		})
	};
}
