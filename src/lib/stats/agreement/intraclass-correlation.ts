// Intraclass correlation coefficients of Shrout & Fleiss 1979 (Psychol Bull 86:420) for n
// subjects (targets) each rated by the same k raters (judges), from the two-way ANOVA mean
// squares, with F tests of H0: ρ = 0 and the (1 − α) confidence intervals of McGraw & Wong
// 1996 (Psychol Methods 1:30, Tables 7–8):
//   ICC(1,1) one-way random            (BMS − WMS) / (BMS + (k − 1) WMS)
//   ICC(2,1) two-way random, agreement (BMS − EMS) / (BMS + (k − 1) EMS + k (JMS − EMS)/n)
//   ICC(3,1) two-way mixed, consistency (BMS − EMS) / (BMS + (k − 1) EMS)
// and the reliabilities of the mean of k ratings, ICC(1,k), ICC(2,k), ICC(3,k), which are the
// Spearman–Brown step-ups kρ/(1 + (k − 1)ρ) of the single-rating values and of their limits.
import { fQuantile, fSurvival } from '../distributions';

export type IccForm = 'ICC(1,1)' | 'ICC(2,1)' | 'ICC(3,1)' | 'ICC(1,k)' | 'ICC(2,k)' | 'ICC(3,k)';

export interface IccEstimate {
	form: IccForm;
	/** Shrout & Fleiss's description of the form. */
	description: string;
	estimate: number;
	/** F test of H0: ρ = 0 (McGraw & Wong 1996 Table 8 with ρ₀ = 0). */
	f: number;
	df1: number;
	df2: number;
	p: number;
	ciLower: number;
	ciUpper: number;
}

export interface IntraclassCorrelation {
	subjects: number;
	raters: number;
	/** Between-subjects (BMS), within-subjects (WMS), between-raters (JMS) and residual (EMS) mean squares. */
	meanSquares: { between: number; within: number; raters: number; error: number };
	forms: IccEstimate[];
}

interface MeanSquares {
	between: number;
	within: number;
	raters: number;
	error: number;
}

function checkRatings(ratings: number[][]): { n: number; k: number } {
	const n = ratings.length;
	const k = ratings[0]?.length ?? 0;
	if (n < 2) throw new Error(`the ICC needs at least 2 subjects, got ${n}`);
	if (k < 2) throw new Error(`the ICC needs at least 2 raters per subject, got ${k}`);
	ratings.forEach((row, s) => {
		if (row.length !== k)
			throw new Error(
				`subject ${s + 1} has ${row.length} ratings, subject 1 has ${k}: every rater must rate every subject`
			);
		row.forEach((value, r) => {
			if (!Number.isFinite(value))
				throw new Error(`subject ${s + 1}, rater ${r + 1}: rating ${value} is not a finite number`);
		});
	});
	return { n, k };
}

/** Two-way ANOVA mean squares (Shrout & Fleiss 1979, Table 1). */
function meanSquares(ratings: number[][], n: number, k: number): MeanSquares {
	const grand = ratings.flat().reduce((sum, value) => sum + value, 0) / (n * k);
	const subjectMeans = ratings.map((row) => row.reduce((sum, value) => sum + value, 0) / k);
	const raterMeans = Array.from(
		{ length: k },
		(_, r) => ratings.reduce((sum, row) => sum + (row[r] as number), 0) / n
	);
	let ssBetween = 0;
	let ssWithin = 0;
	let ssRaters = 0;
	let ssError = 0;
	subjectMeans.forEach((mean) => (ssBetween += k * (mean - grand) ** 2));
	raterMeans.forEach((mean) => (ssRaters += n * (mean - grand) ** 2));
	ratings.forEach((row, s) => {
		row.forEach((value, r) => {
			ssWithin += (value - (subjectMeans[s] as number)) ** 2;
			ssError += (value - (subjectMeans[s] as number) - (raterMeans[r] as number) + grand) ** 2;
		});
	});
	return {
		between: ssBetween / (n - 1),
		within: ssWithin / (n * (k - 1)),
		raters: ssRaters / (k - 1),
		error: ssError / ((n - 1) * (k - 1))
	};
}

/** ρ and its limits from an F ratio: (F − 1)/(F + k − 1) (McGraw & Wong 1996, cases 1 and 3). */
function fromRatio(ratio: number, k: number): number {
	return (ratio - 1) / (ratio + k - 1);
}

function ratioForm(
	form: IccForm,
	description: string,
	ms: MeanSquares,
	denominator: number,
	df2: number,
	n: number,
	k: number,
	alpha: number
): IccEstimate {
	const f = ms.between / denominator;
	const df1 = n - 1;
	const lowerRatio = f / fQuantile(1 - alpha / 2, df1, df2);
	const upperRatio = f * fQuantile(1 - alpha / 2, df2, df1);
	return {
		form,
		description,
		estimate: fromRatio(f, k),
		f,
		df1,
		df2,
		p: fSurvival(f, df1, df2),
		ciLower: fromRatio(lowerRatio, k),
		ciUpper: fromRatio(upperRatio, k)
	};
}

// ICC(2,1) interval with Satterthwaite df v (McGraw & Wong 1996, Table 7, case 2A; Shrout & Fleiss 1979 eq. 7).
function absoluteAgreement(ms: MeanSquares, n: number, k: number, alpha: number): IccEstimate {
	const { between: bms, raters: jms, error: ems } = ms;
	const estimate = (bms - ems) / (bms + (k - 1) * ems + (k * (jms - ems)) / n);
	const a = (k * estimate) / (n * (1 - estimate));
	const b = 1 + (k * estimate * (n - 1)) / (n * (1 - estimate));
	const v =
		(a * jms + b * ems) ** 2 / ((a * jms) ** 2 / (k - 1) + (b * ems) ** 2 / ((n - 1) * (k - 1)));
	const lowerF = fQuantile(1 - alpha / 2, n - 1, v);
	const upperF = fQuantile(1 - alpha / 2, v, n - 1);
	const df2 = (n - 1) * (k - 1);
	return {
		form: 'ICC(2,1)',
		description: 'two-way random effects, absolute agreement, single rater',
		estimate,
		f: bms / ems,
		df1: n - 1,
		df2,
		p: fSurvival(bms / ems, n - 1, df2),
		ciLower: (n * (bms - lowerF * ems)) / (lowerF * (k * jms + (k * n - k - n) * ems) + n * bms),
		ciUpper: (n * (upperF * bms - ems)) / (k * jms + (k * n - k - n) * ems + n * upperF * bms)
	};
}

/** Reliability of the mean of k ratings: Spearman–Brown kρ/(1 + (k − 1)ρ) of estimate and limits. */
function averageOfRaters(single: IccEstimate, k: number): IccEstimate {
	const stepUp = (rho: number) => (k * rho) / (1 + (k - 1) * rho);
	return {
		...single,
		form: single.form.replace(',1)', ',k)') as IccForm,
		description: single.description.replace('single rater', `mean of ${k} raters`),
		estimate: stepUp(single.estimate),
		ciLower: stepUp(single.ciLower),
		ciUpper: stepUp(single.ciUpper)
	};
}

/** All six Shrout–Fleiss forms from a subjects × raters matrix of ratings. */
export function intraclassCorrelation(ratings: number[][], alpha = 0.05): IntraclassCorrelation {
	const { n, k } = checkRatings(ratings);
	const ms = meanSquares(ratings, n, k);
	if (!(ms.error > 0 && ms.within > 0)) {
		throw new Error(
			'the ICC is undefined here: the ratings have no residual variation (every rater gives every subject the same score, up to a rater shift)'
		);
	}
	const single = [
		ratioForm(
			'ICC(1,1)',
			'one-way random effects, single rater',
			ms,
			ms.within,
			n * (k - 1),
			n,
			k,
			alpha
		),
		absoluteAgreement(ms, n, k, alpha),
		ratioForm(
			'ICC(3,1)',
			'two-way mixed effects, consistency, single rater',
			ms,
			ms.error,
			(n - 1) * (k - 1),
			n,
			k,
			alpha
		)
	];
	return {
		subjects: n,
		raters: k,
		meanSquares: ms,
		forms: [...single, ...single.map((form) => averageOfRaters(form, k))]
	};
}
