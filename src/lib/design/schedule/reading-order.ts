// Turns what a reader reads in each period into an ordered, sessioned list of assignments: the
// period's reading units are shuffled (stream `case-order` keyed by reader and period) and cut into
// sessions of at most sessionMaxCases units. A unit is one case: a single read, or in the sequential
// design the unaided read and the aided read that follows it at once.
import { shuffled } from '../prng/shuffle';
import type { StreamFactory } from '../prng/streams';
import { compareCodeUnits } from './ordering';
import type { Assignment } from './schedule.types';

export interface PlannedRead {
	arm: string;
	caseId: string;
}

/** Reads that stay together and in this order, e.g. [unaided, aided] for one case. */
export type ReadingUnit = readonly PlannedRead[];

/** Near-equal session sizes (larger first), none above the cap: 10 units, cap 4 → [4, 3, 3]. */
export function sessionSizes(unitCount: number, maxUnitsPerSession: number | null): number[] {
	if (unitCount === 0) return [];
	const sessionCount = maxUnitsPerSession === null ? 1 : Math.ceil(unitCount / maxUnitsPerSession);
	const smaller = Math.floor(unitCount / sessionCount);
	const largerCount = unitCount % sessionCount;
	return Array.from({ length: sessionCount }, (_, index) =>
		index < largerCount ? smaller + 1 : smaller
	);
}

/** Assigns session numbers from `firstSession` and positions 1..n within each session. */
export function cutIntoSessions(
	units: readonly ReadingUnit[],
	period: number,
	firstSession: number,
	maxUnitsPerSession: number | null
): Assignment[] {
	const assignments: Assignment[] = [];
	let unitIndex = 0;
	sessionSizes(units.length, maxUnitsPerSession).forEach((size, sessionOffset) => {
		const session = firstSession + sessionOffset;
		let position = 0;
		for (const unit of units.slice(unitIndex, unitIndex + size)) {
			for (const read of unit) {
				position += 1;
				assignments.push({ period, session, arm: read.arm, caseId: read.caseId, position });
			}
		}
		unitIndex += size;
	});
	return assignments;
}

/**
 * Orders and sessions one reader's periods (periodUnits[0] is period 1). Units are put in code-unit
 * order of their first case id, then shuffled with the reader's `case-order` stream for that period;
 * sessions are numbered on across periods.
 */
export function planReaderPeriods(
	readerId: string,
	periodUnits: readonly (readonly ReadingUnit[])[],
	maxUnitsPerSession: number | null,
	streams: StreamFactory
): Assignment[] {
	const assignments: Assignment[] = [];
	let nextSession = 1;
	periodUnits.forEach((units, periodIndex) => {
		const period = periodIndex + 1;
		const canonical = [...units].sort((left, right) =>
			compareCodeUnits(firstCaseId(left), firstCaseId(right))
		);
		const random = streams('case-order', ['reader', readerId, 'period', String(period)]);
		const periodAssignments = cutIntoSessions(
			shuffled(canonical, random),
			period,
			nextSession,
			maxUnitsPerSession
		);
		nextSession += sessionSizes(units.length, maxUnitsPerSession).length;
		assignments.push(...periodAssignments);
	});
	return assignments;
}

function firstCaseId(unit: ReadingUnit): string {
	const first = unit[0];
	if (first === undefined) throw new Error('a reading unit must hold at least one read');
	return first.caseId;
}
