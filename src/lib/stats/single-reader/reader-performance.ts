// STAT-1: per reader × modality, the binary-decision performance (confusion matrix,
// sensitivity, specificity, accuracy, PPV, NPV with Wilson intervals) and the empirical AUC
// with its DeLong interval, from the same ReadingStudy the MRMC analysis takes. A standalone
// AI is simply a study with one "reader".
import type { ReadingStudy } from '../study';
import { aucWithDelongInterval, type AucInterval } from './auc-interval';
import { binaryPerformance, confusionMatrix, type BinaryPerformance } from './confusion-matrix';

export interface ReaderPerformance {
	reader: string;
	modality: string;
	/** From the `decision` column, or from the ratings when they are all 0/1; otherwise null. */
	binary: BinaryPerformance | null;
	/** Empirical AUC of the ratings (of the 0/1 calls themselves when that is all there is). */
	auc: AucInterval;
}

export interface ReaderPerformanceTable {
	rows: ReaderPerformance[];
	/** Where the binary calls came from, or why there are none. */
	callsSource: 'decision' | 'binary-ratings' | 'none';
	alpha: number;
}

function isBinary(values: Float64Array): boolean {
	return values.every((value) => value === 0 || value === 1);
}

function callsSourceOf(study: ReadingStudy): ReaderPerformanceTable['callsSource'] {
	if (study.decision) return 'decision';
	return study.rating.every((byReader) => byReader.every(isBinary)) ? 'binary-ratings' : 'none';
}

/** One row per reader × modality, reader-major (as the analysis prints its tables). */
export function readerPerformance(study: ReadingStudy, alpha = 0.05): ReaderPerformanceTable {
	const callsSource = callsSourceOf(study);
	const calls =
		callsSource === 'decision'
			? study.decision
			: callsSource === 'binary-ratings'
				? study.rating
				: undefined;
	const rows: ReaderPerformance[] = [];
	study.readers.forEach((reader, j) => {
		study.modalities.forEach((modality, m) => {
			const ratings = study.rating[m]?.[j] as Float64Array;
			const readerCalls = calls?.[m]?.[j];
			rows.push({
				reader,
				modality,
				binary: readerCalls
					? binaryPerformance(confusionMatrix(readerCalls, study.truth), alpha)
					: null,
				auc: aucWithDelongInterval(ratings, study.truth, alpha)
			});
		});
	});
	return { rows, callsSource, alpha };
}
