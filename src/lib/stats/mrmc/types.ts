// Result shapes shared by the Obuchowski–Rockette and DBM analyses (camelCase here; the
// JSON report maps them to the snake_case schema).

/** A confidence interval for one modality's reader-averaged figure of merit. */
export interface ModalityInterval {
	modality: string;
	estimate: number;
	se: number;
	/** Degrees of freedom of the t reference distribution; absent for a normal one. */
	df?: number;
	ciLower: number;
	ciUpper: number;
}

/** A difference modalityA − modalityB with its test and confidence interval. */
export interface Contrast {
	modalityA: string;
	modalityB: string;
	estimate: number;
	se: number;
	df?: number;
	/** Two-sided p-value. */
	p: number;
	ciLower: number;
	ciUpper: number;
}

export interface ReaderContrast extends Contrast {
	reader: string;
}

/** Random readers, random cases (the generalisable analysis). */
export interface RandomReadersRandomCases {
	f: number;
	df1: number;
	df2: number;
	p: number;
	diffs: Contrast[];
	modalityCi: ModalityInterval[];
}

/** Fixed readers, random cases: OR reports a chi-square test, DBM an F test. */
export interface FixedReadersRandomCases {
	chisq?: number;
	f?: number;
	df1: number;
	df2?: number;
	p: number;
	diffs: Contrast[];
	modalityCi: ModalityInterval[];
	readerDiffs: ReaderContrast[];
}

/** Random readers, fixed cases. */
export interface RandomReadersFixedCases {
	f: number;
	df1: number;
	df2: number;
	p: number;
	diffs: Contrast[];
	modalityCi: ModalityInterval[];
}

/** Figures of merit per reader × modality: estimates[m · readers + j]. */
export interface FomTable {
	readers: string[];
	modalities: string[];
	estimates: Float64Array;
}

export function fomAt(table: FomTable, modality: number, reader: number): number {
	return table.estimates[modality * table.readers.length + reader] as number;
}
