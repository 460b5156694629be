// One read as a row of the long reads table (tests/reference/data/README.md), with the
// optional columns Tandem adds: the binary decision, reading time, period and sequence.

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
}
