// The Obuchowski–Rockette error covariance structure (Obuchowski & Rockette 1995; Hillis
// 2007): the K × K covariance of the reader × modality figures averaged into Var (same
// reader, same modality), Cov1 (same reader, different modality), Cov2 (different reader,
// same modality) and Cov3 (different reader, different modality) — as MRMCaov vcov_comps.
import { covarianceAt, type CovarianceMatrix } from '../covariance/covariance-matrix';

export interface OrCovariances {
	variance: number;
	cov1: number;
	cov2: number;
	cov3: number;
	/** Var and Cov2 within each modality (for the per-modality intervals). */
	byModality: Array<{ variance: number; cov2: number }>;
	/** Var and Cov1 within each reader (for the fixed-reader per-reader differences). */
	byReader: Array<{ variance: number; cov1: number }>;
}

interface Accumulator {
	sum: number;
	count: number;
}

const mean = (accumulator: Accumulator) => accumulator.sum / accumulator.count;
const empty = (): Accumulator => ({ sum: 0, count: 0 });
const add = (accumulator: Accumulator, value: number) => {
	accumulator.sum += value;
	accumulator.count += 1;
};

/** Average the covariance matrix (group g = modality · r + reader) into the OR components. */
export function orCovariances(
	matrix: CovarianceMatrix,
	modalities: number,
	readers: number
): OrCovariances {
	const [variance, cov1, cov2, cov3] = [empty(), empty(), empty(), empty()];
	const modalityVariance = Array.from({ length: modalities }, empty);
	const modalityCov2 = Array.from({ length: modalities }, empty);
	const readerVariance = Array.from({ length: readers }, empty);
	const readerCov1 = Array.from({ length: readers }, empty);
	for (let a = 0; a < modalities * readers; a++) {
		const [modalityA, readerA] = [Math.floor(a / readers), a % readers];
		for (let b = 0; b < modalities * readers; b++) {
			const [modalityB, readerB] = [Math.floor(b / readers), b % readers];
			const value = covarianceAt(matrix, a, b);
			if (modalityA === modalityB && readerA === readerB) {
				add(variance, value);
				add(modalityVariance[modalityA] as Accumulator, value);
				add(readerVariance[readerA] as Accumulator, value);
			} else if (readerA === readerB) {
				add(cov1, value);
				add(readerCov1[readerA] as Accumulator, value);
			} else if (modalityA === modalityB) {
				add(cov2, value);
				add(modalityCov2[modalityA] as Accumulator, value);
			} else add(cov3, value);
		}
	}
	return {
		variance: mean(variance),
		cov1: mean(cov1),
		cov2: mean(cov2),
		cov3: mean(cov3),
		byModality: modalityVariance.map((v, i) => ({
			variance: mean(v),
			cov2: mean(modalityCov2[i] as Accumulator)
		})),
		byReader: readerVariance.map((v, j) => ({
			variance: mean(v),
			cov1: mean(readerCov1[j] as Accumulator)
		}))
	};
}
