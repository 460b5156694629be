// The sponsor's dashboard snapshot (built by the monitor's dashboard service, pushed to the page
// over server-sent events). Counts only: nothing in it reveals efficacy.

export interface Progress {
	done: number;
	total: number;
}

/** AI scoring of a study's cases by one model. */
export interface ScoringProgress {
	total: number;
	queued: number;
	running: number;
	done: number;
	failed: number;
}

export interface ReaderRow {
	code: string;
	site: string;
	withdrawn: boolean;
	byPeriod: Array<Progress & { period: number; opensAt: string | null; waiting: boolean }>;
	byArm: Record<string, Progress>;
}

export interface DashboardSnapshot {
	study: { slug: string; title: string; design: string; protocolVersion: string; isDemo: boolean };
	generatedAt: string;
	arms: Array<{ id: string; label: string }>;
	totals: Progress & {
		readersExpected: number;
		readersEnrolled: number;
		readersActive: number;
		readersWithdrawn: number;
	};
	sites: Array<
		Progress & {
			code: string;
			name: string;
			readersExpected: number;
			readersActive: number;
			readersWithdrawn: number;
		}
	>;
	readers: ReaderRow[];
	byPeriodArm: Array<Progress & { period: number; arm: string }>;
	awaitingWashout: Array<{ reader: string; site: string; period: number; opensAt: string | null }>;
	timeline: Array<{ day: string; reads: number; cumulative: number }>;
	projection: {
		ratePerDay: number;
		remaining: number;
		completionDate: string | null;
		basis: string;
		/** The days the rate is averaged over (the page words `basis` in its own language). */
		windowDays: number;
	};
	aiScoring: (ScoringProgress & { model: string }) | null;
	/** Database lock, blind exports and unblinding: status only (SEC-3). */
	integrity: {
		lockedAt: string | null;
		exports: number;
		resultsCommitted: boolean;
		keyReleased: boolean;
		unblindedAt: string | null;
	};
}
