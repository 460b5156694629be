// One read as a row of the long reads table (tests/reference/data/README.md), with the
// optional columns Tandem adds: the binary decision, reading time, period and sequence, and for a
// study with corrected reads each row's version, whether a later version superseded it and who
// filed a correction.

export interface ReadRow {
	reader: string;
	modality: string;
	case: string;
	/** 1 = diseased, 0 = non-diseased. */
	truth: 0 | 1;
	rating: number;
	decision?: 0 | 1 | null;
	timeMs?: number | null;
	period?: number | null;
	sequence?: string | null;
	/** 1 for a read as submitted, 2… for its corrections (same reader, modality and case). */
	version?: number | null;
	/** 1: a later version replaced this row, and no analysis uses it. */
	superseded?: 0 | 1 | null;
	/** Who filed this version as a correction (null for a read as submitted). */
	correctedBy?: 'reader' | 'coordinator' | null;
}

/** The rows an analysis uses: every read but the earlier versions of corrected reads. */
export function currentReadRows<T extends Pick<ReadRow, 'superseded'>>(rows: readonly T[]): T[] {
	return rows.filter((row) => row.superseded !== 1);
}
