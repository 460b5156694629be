// Published agreement data sets used by the agreement specs (test data only).

/**
 * Fleiss (1971) Psychol Bull 76:378, Table 1: 30 patients, each diagnosed by 6 of the
 * psychiatrists into 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis,
 * 5 other — as R's irr::diagnoses (rows: subjects, columns: raters 1–6).
 */
export const diagnoses: number[][] = [
	[4, 4, 4, 4, 4, 4],
	[2, 2, 2, 5, 5, 5],
	[2, 3, 3, 3, 3, 5],
	[5, 5, 5, 5, 5, 5],
	[2, 2, 2, 4, 4, 4],
	[1, 1, 3, 3, 3, 3],
	[3, 3, 3, 3, 5, 5],
	[1, 1, 3, 3, 3, 4],
	[1, 1, 4, 4, 4, 4],
	[5, 5, 5, 5, 5, 5],
	[1, 4, 4, 4, 4, 4],
	[1, 2, 4, 4, 4, 4],
	[2, 2, 2, 3, 3, 3],
	[1, 4, 4, 4, 4, 4],
	[2, 2, 4, 4, 4, 5],
	[3, 3, 3, 3, 3, 5],
	[1, 1, 1, 4, 5, 5],
	[1, 1, 1, 1, 1, 2],
	[2, 2, 4, 4, 4, 4],
	[1, 3, 3, 5, 5, 5],
	[5, 5, 5, 5, 5, 5],
	[2, 4, 4, 4, 4, 4],
	[2, 2, 4, 5, 5, 5],
	[1, 1, 4, 4, 4, 4],
	[1, 4, 4, 4, 4, 5],
	[2, 2, 2, 2, 2, 4],
	[1, 1, 1, 1, 5, 5],
	[2, 2, 4, 4, 4, 4],
	[1, 3, 3, 3, 3, 3],
	[5, 5, 5, 5, 5, 5]
];

/** R's irr::anxiety: anxiety ratings (1–6) of 20 subjects by 3 raters (rows: subjects). */
export const anxiety: number[][] = [
	[3, 3, 2],
	[3, 6, 1],
	[3, 4, 4],
	[4, 6, 4],
	[5, 2, 3],
	[5, 4, 2],
	[2, 2, 1],
	[3, 4, 6],
	[5, 3, 1],
	[2, 3, 1],
	[2, 2, 1],
	[6, 3, 2],
	[1, 3, 3],
	[5, 3, 3],
	[2, 2, 1],
	[2, 2, 1],
	[1, 1, 3],
	[2, 3, 3],
	[4, 3, 2],
	[3, 4, 2]
];

/** Column `rater` (0-based) of a subjects × raters matrix. */
export function raterColumn(ratings: number[][], rater: number): number[] {
	return ratings.map((row) => row[rater] as number);
}
