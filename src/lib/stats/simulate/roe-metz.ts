// The Roe & Metz (1997) simulation model for continuous ratings of a fully crossed MRMC
// study (Roe & Metz 1997, Acad Radiol 4:298; the model of Dorfman, Berbaum & Metz 1992):
// for modality i, reader j and case k with truth t = t_k (1 diseased, 0 non-diseased),
//   X_ijk = μ_i·t + R_jt + (τR)_ijt + C_k + (τC)_ik + (RC)_jk + E_ijk,
// every term an independent zero-mean normal with variance σ²_R, σ²_τR, σ²_C, σ²_τC, σ²_RC,
// σ²_ε (the reader terms drawn separately for each truth state, as in the original model).
// For one reader the ratings are binormal with equal variances σ² = σ²_C + σ²_τC + σ²_RC +
// σ²_ε (= 1 in Roe & Metz's structures), so a typical reader's AUC is Φ(μ/√(2σ²)); averaged
// over random readers the expected empirical AUC is Φ(μ/√(2(σ² + σ²_R + σ²_τR))).
// Normal deviates come from the core's seeded xoshiro128** source (Marsaglia polar method).
import { normalCdf, normalQuantile } from '../distributions';
import type { SimulationRandom } from '../random';
import type { ReadingStudy } from '../study';

export interface RoeMetzVariances {
	/** σ²_R: reader. */
	reader: number;
	/** σ²_τR: modality × reader. */
	modalityReader: number;
	/** σ²_C: case. */
	case: number;
	/** σ²_τC: modality × case. */
	modalityCase: number;
	/** σ²_RC: reader × case. */
	readerCase: number;
	/** σ²_ε: pure error (with the modality × reader × case interaction). */
	error: number;
}

export type RoeMetzStructure = 'HH' | 'HL' | 'LH' | 'LL';

/**
 * The variance structures of Roe & Metz 1997, Table 1: first letter the case (data)
 * correlation (σ²_C = σ²_τC = 0.3 high, 0.1 low), second the reader variability; the four
 * case-related components sum to 1. Values as in the iRoeMetz configurations that replicate
 * the paper (FDA DIDSR iMRMC, RoeMetz1997 "RMconfigurations"); see the report for LL.
 */
export const ROE_METZ_STRUCTURES: Record<RoeMetzStructure, RoeMetzVariances> = {
	HH: {
		reader: 0.03,
		modalityReader: 0.03,
		case: 0.3,
		modalityCase: 0.3,
		readerCase: 0.2,
		error: 0.2
	},
	HL: {
		reader: 0.0055,
		modalityReader: 0.0055,
		case: 0.3,
		modalityCase: 0.3,
		readerCase: 0.2,
		error: 0.2
	},
	LH: {
		reader: 0.011,
		modalityReader: 0.011,
		case: 0.1,
		modalityCase: 0.1,
		readerCase: 0.2,
		error: 0.6
	},
	LL: {
		reader: 0.0055,
		modalityReader: 0.0055,
		case: 0.1,
		modalityCase: 0.1,
		readerCase: 0.2,
		error: 0.6
	}
};

export interface RoeMetzDesign {
	readers: number;
	positiveCases: number;
	negativeCases: number;
	/** μ_i, the diseased-case mean per modality (non-diseased mean 0); its length is the number of modalities. */
	separations: number[];
	variances: RoeMetzVariances;
}

/** σ² = σ²_C + σ²_τC + σ²_RC + σ²_ε: the variance of one reader's ratings within a truth state. */
export function caseLevelVariance(variances: RoeMetzVariances): number {
	return variances.case + variances.modalityCase + variances.readerCase + variances.error;
}

/** μ giving a typical reader the binormal AUC Φ(μ/√(2σ²)) (Roe & Metz 1997). */
export function separationForAuc(auc: number, variances: RoeMetzVariances): number {
	if (!(auc > 0 && auc < 1)) throw new RangeError(`the AUC must be in (0, 1), got ${auc}`);
	return Math.sqrt(2 * caseLevelVariance(variances)) * normalQuantile(auc);
}

/** Binormal AUC Φ(μ/√(2σ²)) of a typical reader (reader effects 0). */
export function typicalReaderAuc(separation: number, variances: RoeMetzVariances): number {
	return normalCdf(separation / Math.sqrt(2 * caseLevelVariance(variances)));
}

/** E[empirical AUC] over random readers and cases: Φ(μ/√(2(σ² + σ²_R + σ²_τR))). */
export function populationAuc(separation: number, variances: RoeMetzVariances): number {
	const readerSpread = variances.reader + variances.modalityReader;
	return normalCdf(separation / Math.sqrt(2 * (caseLevelVariance(variances) + readerSpread)));
}

function checkDesign(design: RoeMetzDesign): void {
	const { readers, positiveCases, negativeCases, separations, variances } = design;
	if (!(Number.isInteger(readers) && readers >= 1))
		throw new RangeError(`readers must be a whole number ≥ 1, got ${readers}`);
	for (const [name, count] of [
		['positive', positiveCases],
		['negative', negativeCases]
	] as const) {
		if (!(Number.isInteger(count) && count >= 1))
			throw new RangeError(`${name} cases must be a whole number ≥ 1, got ${count}`);
	}
	if (separations.length < 1 || separations.some((mu) => !Number.isFinite(mu)))
		throw new RangeError('give one finite separation μ per modality');
	for (const [name, value] of Object.entries(variances)) {
		if (!(value >= 0 && Number.isFinite(value)))
			throw new RangeError(`variance ${name} must be a finite number ≥ 0, got ${value}`);
	}
}

/** Reader ids r1…, modality ids A, B, …, case ids c1… (diseased cases first). */
function ids(design: RoeMetzDesign): Pick<ReadingStudy, 'readers' | 'modalities' | 'cases'> {
	const total = design.positiveCases + design.negativeCases;
	return {
		readers: Array.from({ length: design.readers }, (_, j) => `r${j + 1}`),
		modalities: design.separations.map(
			(_, i) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(i) : '')
		),
		cases: Array.from({ length: total }, (_, k) => `c${k + 1}`)
	};
}

/** One simulated study, in the form the MRMC analysis takes. */
export function simulateRoeMetz(design: RoeMetzDesign, random: SimulationRandom): ReadingStudy {
	checkDesign(design);
	const { readers, positiveCases, separations, variances } = design;
	const modalities = separations.length;
	const total = positiveCases + design.negativeCases;
	const sd = (variance: number) => Math.sqrt(variance);
	const draw = (variance: number) => (variance > 0 ? sd(variance) * random.nextNormal() : 0);
	const truth = Uint8Array.from({ length: total }, (_, k) => (k < positiveCases ? 1 : 0));
	// Reader terms per truth state: R_jt and (τR)_ijt.
	const reader = Array.from({ length: 2 }, () =>
		Array.from({ length: readers }, () => draw(variances.reader))
	);
	const modalityReader = Array.from({ length: 2 }, () =>
		Array.from({ length: modalities }, () =>
			Array.from({ length: readers }, () => draw(variances.modalityReader))
		)
	);
	const caseEffect = Float64Array.from({ length: total }, () => draw(variances.case));
	const modalityCase = Array.from({ length: modalities }, () =>
		Float64Array.from({ length: total }, () => draw(variances.modalityCase))
	);
	const readerCase = Array.from({ length: readers }, () =>
		Float64Array.from({ length: total }, () => draw(variances.readerCase))
	);
	const rating = separations.map((mu, i) =>
		Array.from({ length: readers }, (_, j) =>
			Float64Array.from({ length: total }, (_, k) => {
				const t = truth[k] as 0 | 1;
				const readerTerms = (reader[t]?.[j] as number) + (modalityReader[t]?.[i]?.[j] as number);
				const caseTerms =
					(caseEffect[k] as number) +
					(modalityCase[i]?.[k] as number) +
					(readerCase[j]?.[k] as number);
				return mu * t + readerTerms + caseTerms + draw(variances.error);
			})
		)
	);
	return { ...ids(design), truth, rating };
}

export interface LongRecord {
	reader: string;
	modality: string;
	case: string;
	truth: 0 | 1;
	rating: number;
}

/** The long-format records (one per reader × modality × case) the reads CSV holds. */
export function toLongRecords(study: ReadingStudy): LongRecord[] {
	const records: LongRecord[] = [];
	study.readers.forEach((reader, j) => {
		study.modalities.forEach((modality, i) => {
			study.cases.forEach((caseId, k) => {
				records.push({
					reader,
					modality,
					case: caseId,
					truth: study.truth[k] as 0 | 1,
					rating: study.rating[i]?.[j]?.[k] as number
				});
			});
		});
	});
	return records;
}

/** The reads CSV text (header reader,modality,case,truth,rating), ratings at full precision. */
export function toLongCsv(study: ReadingStudy): string {
	const lines = toLongRecords(study).map(
		(row) => `${row.reader},${row.modality},${row.case},${row.truth},${row.rating}`
	);
	return `reader,modality,case,truth,rating\n${lines.join('\n')}\n`;
}
