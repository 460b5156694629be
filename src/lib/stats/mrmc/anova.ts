// Two-way reader × modality ANOVA of the figures of merit (one value per cell), the mean
// squares the Obuchowski–Rockette method starts from (Obuchowski & Rockette 1995).
import { fomAt, type FomTable } from './types';

export interface FomMeanSquares {
	/** Reader-averaged figure of merit per modality. */
	modalityMeans: Float64Array;
	msT: number;
	msR: number;
	msTR: number;
	/** Per modality i: Σ_j (θ_ij − θ̄_i·)² / (r − 1). */
	msRByModality: Float64Array;
}

export function fomMeanSquares(table: FomTable): FomMeanSquares {
	const [t, r] = [table.modalities.length, table.readers.length];
	const modalityMeans = new Float64Array(t);
	const readerMeans = new Float64Array(r);
	let grand = 0;
	for (let i = 0; i < t; i++) {
		for (let j = 0; j < r; j++) {
			const value = fomAt(table, i, j);
			modalityMeans[i] = (modalityMeans[i] as number) + value / r;
			readerMeans[j] = (readerMeans[j] as number) + value / t;
			grand += value / (t * r);
		}
	}
	let ssT = 0;
	let ssR = 0;
	let ssTR = 0;
	const msRByModality = new Float64Array(t);
	for (let i = 0; i < t; i++) ssT += r * ((modalityMeans[i] as number) - grand) ** 2;
	for (let j = 0; j < r; j++) ssR += t * ((readerMeans[j] as number) - grand) ** 2;
	for (let i = 0; i < t; i++) {
		let ssWithin = 0;
		for (let j = 0; j < r; j++) {
			const value = fomAt(table, i, j);
			ssTR += (value - (modalityMeans[i] as number) - (readerMeans[j] as number) + grand) ** 2;
			ssWithin += (value - (modalityMeans[i] as number)) ** 2;
		}
		msRByModality[i] = ssWithin / (r - 1);
	}
	return {
		modalityMeans,
		msT: ssT / (t - 1),
		msR: ssR / (r - 1),
		msTR: ssTR / ((t - 1) * (r - 1)),
		msRByModality
	};
}
