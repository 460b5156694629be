// The sponsor's dashboard snapshot (built by the monitor's dashboard service, pushed to the page
// over server-sent events). Counts only: nothing in it reveals efficacy.
import type { EffectiveUseSummary } from '../stats/trial/effective-use';

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
		/**
		 * projected: an end date from the recent rate; complete: every planned read done (the date
		 * is the last read's day); no-rate: nothing read in the window, so no date; nothing-planned:
		 * no reader enrolled yet.
		 */
		status: 'projected' | 'complete' | 'no-rate' | 'nothing-planned';
		ratePerDay: number;
		remaining: number;
		completionDate: string | null;
		/** The rate is the mean over this many most recent days. */
		windowDays: number;
	};
	aiScoring: (ScoringProgress & { model: string }) | null;
	/** Cases usable so far by the readers and by the AI (all arms together), the others counted per reason. */
	effectiveUse: EffectiveUseSummary;
	/** Database lock, blind exports and unblinding: status only (SEC-3). */
	integrity: {
		lockedAt: string | null;
		exports: number;
		resultsCommitted: boolean;
		keyReleased: boolean;
		unblindedAt: string | null;
	};
}
