// Plain-data shapes of a reading schedule: what goes in (a protocol's design, seed, cases, readers)
// and what comes out (who reads which case, in which arm, period, session and position).

export const DESIGNS = ['crossover', 'sequential', 'fully-crossed', 'split-plot'] as const;
export type Design = (typeof DESIGNS)[number];

/** AB: the reader meets arms[0] first (block 1 in arms[0] in period 1); BA: arms[1] first. */
export type ArmSequence = 'AB' | 'BA';

export interface ScheduleCase {
	id: string;
	/** Used only to stratify case blocks and groups; never shown to readers. */
	truth: 0 | 1;
	/** e.g. the device vendor; cases are balanced across blocks within truth × stratum. */
	stratum?: string;
}

export interface ScheduleReader {
	id: string;
	site: string;
}

export interface ScheduleInput {
	design: Design;
	/** The study randomization seed, used as text: "42" and "042" are different seeds. */
	seed: string;
	/** [control, intervention], e.g. ['unaided', 'aided']. */
	arms: readonly [string, string];
	cases: readonly ScheduleCase[];
	/** In enrolment order: a reader's allocation depends only on the readers enrolled before at the same site. */
	readers: readonly ScheduleReader[];
	/** Permuted-block size for AB/BA allocation within a site; even, default 2. */
	sequenceBlockSize?: number;
	/** Cap on distinct cases per session; a period is cut into sessions of near-equal size. */
	sessionMaxCases?: number;
	/** Split-plot only: the number of reader groups, which equals the number of case groups. */
	splitPlotGroups?: number;
}

/** Input after validation: defaults filled in, cases in code-unit order of id. */
export interface NormalizedScheduleInput {
	design: Design;
	seed: string;
	arms: readonly [string, string];
	cases: readonly ScheduleCase[];
	readers: readonly ScheduleReader[];
	sequenceBlockSize: number;
	sessionMaxCases: number | null;
	splitPlotGroups: number | null;
}

export interface Assignment {
	period: number;
	/** Numbered 1, 2, … per reader across all periods, so (reader, session) names one sitting. */
	session: number;
	arm: string;
	caseId: string;
	/** 1..n within the session. */
	position: number;
}

export interface ReaderSchedule {
	readerId: string;
	site: string;
	/** Arm order; fixed 'AB' in the sequential design (every case is read unaided, then aided). */
	sequence: ArmSequence;
	/** Split-plot reader (and case) group, 'G1'…; null in the other designs. */
	group: string | null;
	/** Ordered by period, session, position. */
	assignments: Assignment[];
}

/** One half of a case set (or of a split-plot case group) in the crossover period structure. */
export interface CaseBlock {
	group: string | null;
	block: 1 | 2;
	caseIds: string[];
}

export interface SiteAllocation {
	site: string;
	readerCount: number;
	/** Readers per sequence label ('AB', 'BA', or 'G1/AB' … in split-plot). */
	readersBySequence: Record<string, number>;
}

export interface ScheduleSummary {
	readerCount: number;
	caseCount: number;
	readCount: number;
	periodCount: number;
	sessionCount: number;
	caseBlocks: CaseBlock[];
	/** Sites in order of their first enrolled reader. */
	allocationBySite: SiteAllocation[];
}

export interface Schedule {
	/** ALGORITHM_ID of the generator, stored with the seed so the schedule can be regenerated. */
	algorithm: string;
	design: Design;
	seed: string;
	arms: readonly [string, string];
	/** In enrolment order. */
	readers: ReaderSchedule[];
	summary: ScheduleSummary;
}

/** What one design's generator returns; the dispatcher adds the rest. */
export interface DesignSchedule {
	readers: ReaderSchedule[];
	caseBlocks: CaseBlock[];
}

/** One line of the schedule export. */
export interface ScheduleRow {
	reader: string;
	site: string;
	sequence: string;
	period: number;
	session: number;
	arm: string;
	case: string;
	position: number;
}
