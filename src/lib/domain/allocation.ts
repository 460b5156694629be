// The stored allocation's balance tables, for the admin and the statistician (built by the
// schedule export service).

export interface AllocationSummary {
	randomization: {
		seed: string;
		algorithm: string | null;
		design: string;
		blockSize: number;
		blockStratum: string | null;
	};
	readers: Array<{
		code: string;
		site: string;
		sequence: string;
		enrolledAt: Date;
		withdrawn: boolean;
	}>;
	/** Readers per site × sequence. */
	bySiteSequence: Array<{ site: string; counts: Record<string, number> }>;
	/** Reads per period × arm, over all readers. */
	byPeriodArm: Array<{ period: number; counts: Record<string, number> }>;
}
