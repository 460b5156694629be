// The effective use of the data (seed 000, 数据有效使用率): the share of the test set's cases that
// could be used, by the readers and by the AI, with the reason each other case could not. A case is
// usable by the readers when every read planned for it (each reader of the schedule, each arm) was
// made; usable by the AI when the AI scored it (a failed or unscored case counts per the protocol's
// rule in the analysis, but was not usable). The rates carry 95 % Wilson intervals. No arm enters:
// the counts are operational, and the monitor may show them to the sponsor while blinded.
import { wilsonInterval, type ProportionEstimate } from '../single-reader/wilson-interval';

export interface CaseUse {
	case: string;
	/** Reads planned for the case (readers × arms in the schedule). */
	plannedReads: number;
	/** Planned reads made (the latest version of each). */
	reads: number;
	/** The AI's outcome on the case; null when the study's model never ran on it. */
	ai: { status: 'scored' } | { status: 'failed'; error: string } | null;
}

export type ExclusionReason =
	| { kind: 'no-read-planned' }
	| { kind: 'reads-missing'; missing: number; planned: number }
	| { kind: 'ai-failed'; error: string }
	| { kind: 'ai-not-scored' };

export interface UseRate {
	usable: number;
	/** usable / cases with its Wilson interval; null without cases. */
	rate: ProportionEstimate | null;
	excluded: Array<{ case: string; reason: ExclusionReason }>;
}

export interface EffectiveUse {
	cases: number;
	readers: UseRate;
	/** Null when the AI did not run on any case (no model, or scoring not started). */
	ai: UseRate | null;
}

function readerReason(row: CaseUse): ExclusionReason | null {
	if (!(Number.isInteger(row.plannedReads) && row.plannedReads >= 0))
		throw new RangeError(
			`case ${row.case}: planned reads must be a whole number, got ${row.plannedReads}`
		);
	if (!(Number.isInteger(row.reads) && row.reads >= 0 && row.reads <= row.plannedReads))
		throw new RangeError(
			`case ${row.case}: reads must be a whole number in [0, ${row.plannedReads}], got ${row.reads}`
		);
	if (row.plannedReads === 0) return { kind: 'no-read-planned' };
	if (row.reads < row.plannedReads)
		return {
			kind: 'reads-missing',
			missing: row.plannedReads - row.reads,
			planned: row.plannedReads
		};
	return null;
}

function aiReason(row: CaseUse): ExclusionReason | null {
	if (row.ai === null) return { kind: 'ai-not-scored' };
	return row.ai.status === 'failed' ? { kind: 'ai-failed', error: row.ai.error } : null;
}

function useRate(
	rows: readonly CaseUse[],
	reasonOf: (row: CaseUse) => ExclusionReason | null
): UseRate {
	const excluded = rows.flatMap((row) => {
		const reason = reasonOf(row);
		return reason ? [{ case: row.case, reason }] : [];
	});
	const usable = rows.length - excluded.length;
	return {
		usable,
		rate: rows.length === 0 ? null : wilsonInterval(usable, rows.length),
		excluded
	};
}

/** The effective use of the cases by the readers and by the AI. */
export function effectiveUse(rows: readonly CaseUse[]): EffectiveUse {
	const seen = new Set<string>();
	for (const row of rows) {
		if (seen.has(row.case)) throw new RangeError(`case ${row.case} is listed twice`);
		seen.add(row.case);
	}
	return {
		cases: rows.length,
		readers: useRate(rows, readerReason),
		ai: rows.some((row) => row.ai !== null) ? useRate(rows, aiReason) : null
	};
}

/** A reason without what could name a case (an error message may quote its id). */
export type ReasonKind =
	| { kind: 'no-read-planned' }
	| { kind: 'reads-missing'; missing: number; planned: number }
	| { kind: 'ai-failed' }
	| { kind: 'ai-not-scored' };

export interface UseSummary {
	usable: number;
	rate: ProportionEstimate | null;
	/** How many cases for each reason, most frequent first. */
	reasons: Array<ReasonKind & { cases: number }>;
}

/** The effective use with the excluded cases counted per reason, naming no case (the sponsor's monitor). */
export interface EffectiveUseSummary {
	cases: number;
	readers: UseSummary;
	ai: UseSummary | null;
}

function summary(use: UseRate): UseSummary {
	const counts = new Map<string, ReasonKind & { cases: number }>();
	for (const { reason } of use.excluded) {
		const kind: ReasonKind = reason.kind === 'ai-failed' ? { kind: 'ai-failed' } : reason;
		const key = JSON.stringify(kind);
		const entry = counts.get(key) ?? { ...kind, cases: 0 };
		entry.cases++;
		counts.set(key, entry);
	}
	return {
		usable: use.usable,
		rate: use.rate,
		reasons: [...counts.values()].sort((a, b) => b.cases - a.cases)
	};
}

export function effectiveUseSummary(use: EffectiveUse): EffectiveUseSummary {
	return {
		cases: use.cases,
		readers: summary(use.readers),
		ai: use.ai ? summary(use.ai) : null
	};
}
