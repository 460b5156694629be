// Properties every generated schedule must have, checked over random protocols with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truthStratumCells } from './case-partition';
import { generateSchedule } from './generate-schedule';
import { protocolArbitrary, protocolOfDesign } from './schedule-arbitraries.fixture';
import type { Assignment, Design, ReaderSchedule, Schedule, ScheduleInput } from './schedule.types';

function casesOfReader(schedule: Schedule, input: ScheduleInput, reader: ReaderSchedule): string[] {
	if (reader.group === null) return input.cases.map(({ id }) => id);
	return schedule.summary.caseBlocks
		.filter(({ group }) => group === reader.group)
		.flatMap(({ caseIds }) => caseIds);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
	return groups;
}

const countOf = <T>(items: readonly T[], predicate: (item: T) => boolean) =>
	items.filter(predicate).length;

function forAllSchedules(check: (schedule: Schedule, input: ScheduleInput) => void) {
	fc.assert(fc.property(protocolArbitrary, (input) => check(generateSchedule(input), input)));
}

/** A property of some designs only: every generated protocol has one of them (no run skips the check). */
function forSchedulesOf(
	designs: readonly Design[],
	check: (schedule: Schedule, input: ScheduleInput) => void
) {
	for (const design of designs)
		fc.assert(
			fc.property(protocolOfDesign(design), (input) => check(generateSchedule(input), input))
		);
}

describe('every schedule, over random protocols', () => {
	it('has each reader read each of their cases exactly once per arm', () => {
		forAllSchedules((schedule, input) => {
			for (const reader of schedule.readers) {
				const expected = casesOfReader(schedule, input, reader).sort();
				for (const arm of input.arms) {
					const read = reader.assignments.filter((a) => a.arm === arm).map((a) => a.caseId);
					expect(read.sort()).toEqual(expected);
				}
				expect(reader.assignments).toHaveLength(2 * expected.length);
			}
		});
	});

	it('keeps readers in enrolment order with their site', () => {
		forAllSchedules((schedule, input) => {
			expect(schedule.readers.map((r) => [r.readerId, r.site])).toEqual(
				input.readers.map((r) => [r.id, r.site])
			);
		});
	});

	it('numbers sessions 1..S per reader, each within one period, positions 1..n, at most the cap in cases', () => {
		forAllSchedules((schedule, input) => {
			for (const reader of schedule.readers) {
				const sessions = groupBy(reader.assignments, (a) => String(a.session));
				const numbers = [...sessions.keys()].map(Number);
				expect(numbers).toEqual(numbers.map((_, index) => index + 1));
				for (const reads of sessions.values()) {
					expect(new Set(reads.map((a) => a.period)).size).toBe(1);
					expect(reads.map((a) => a.position)).toEqual(reads.map((_, index) => index + 1));
					const distinctCases = new Set(reads.map((a) => a.caseId)).size;
					if (input.sessionMaxCases !== undefined)
						expect(distinctCases).toBeLessThanOrEqual(input.sessionMaxCases);
				}
				expect(reader.assignments).toEqual(
					[...reader.assignments].sort(
						(a, b) => a.period - b.period || a.session - b.session || a.position - b.position
					)
				);
			}
		});
	});

	it('reads each case at most once per period: both arms in each period in crossover and split-plot, one arm in fully crossed', () => {
		forSchedulesOf(['crossover', 'split-plot'], (schedule, input) => {
			for (const reader of schedule.readers) {
				for (const reads of groupBy(reader.assignments, (a) => String(a.period)).values()) {
					expect(new Set(reads.map((a) => a.caseId)).size).toBe(reads.length);
					expect(new Set(reads.map((a) => a.arm))).toEqual(new Set(input.arms));
				}
			}
		});
		forSchedulesOf(['fully-crossed'], (schedule) => {
			for (const reader of schedule.readers) {
				for (const reads of groupBy(reader.assignments, (a) => String(a.period)).values()) {
					expect(new Set(reads.map((a) => a.caseId)).size).toBe(reads.length);
					expect(new Set(reads.map((a) => a.arm)).size).toBe(1);
				}
			}
		});
	});

	it('has the sequential design read each case unaided, then aided at the next position', () => {
		fc.assert(
			fc.property(
				protocolArbitrary.filter((input) => input.design === 'sequential'),
				(input) => {
					for (const reader of generateSchedule(input).readers) {
						expect(new Set(reader.assignments.map((a) => a.period))).toEqual(new Set([1]));
						const pairs: Assignment[][] = [];
						reader.assignments.forEach(
							(a, index) =>
								index % 2 === 0 && pairs.push(reader.assignments.slice(index, index + 2))
						);
						for (const [first, second] of pairs) {
							expect([first?.arm, second?.arm]).toEqual([...input.arms]);
							expect(second?.caseId).toBe(first?.caseId);
							expect(second?.session).toBe(first?.session);
							expect(second?.position).toBe((first?.position ?? 0) + 1);
						}
					}
				}
			)
		);
	});

	it('has the fully crossed design read period 1 in the first arm of the sequence', () => {
		forSchedulesOf(['fully-crossed'], (schedule, input) => {
			for (const reader of schedule.readers) {
				const firstArm = reader.sequence === 'AB' ? input.arms[0] : input.arms[1];
				for (const a of reader.assignments) expect(a.arm === firstArm).toBe(a.period === 1);
			}
		});
	});
});

describe('allocation balance, over random protocols', () => {
	it('keeps |#AB − #BA| ≤ blockSize/2 in every enrolment prefix of every site (split-plot: site × group)', () => {
		forSchedulesOf(['crossover', 'split-plot', 'fully-crossed'], (schedule, input) => {
			const halfBlock = (input.sequenceBlockSize ?? 2) / 2;
			for (const readers of groupBy(
				schedule.readers,
				(r) => `${r.site}\u0000${r.group}`
			).values()) {
				let difference = 0;
				for (const reader of readers) {
					difference += reader.sequence === 'AB' ? 1 : -1;
					expect(Math.abs(difference)).toBeLessThanOrEqual(halfBlock);
				}
			}
		});
	});

	it('keeps split-plot group counts within one of each other at every site', () => {
		forSchedulesOf(['split-plot'], (schedule, input) => {
			for (const readers of groupBy(schedule.readers, (r) => r.site).values()) {
				const counts = Array.from({ length: input.splitPlotGroups ?? 0 }, (_, index) =>
					countOf(readers, (r) => r.group === `G${index + 1}`)
				);
				expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
			}
		});
	});

	it('balances case blocks (and split-plot case groups) within one case per truth × stratum cell', () => {
		forAllSchedules((schedule, input) => {
			const blocks = schedule.summary.caseBlocks;
			if (input.design === 'sequential' || input.design === 'fully-crossed') {
				expect(blocks).toEqual([]);
				return;
			}
			expect(blocks.flatMap(({ caseIds }) => caseIds).sort()).toEqual(
				input.cases.map(({ id }) => id).sort()
			);
			const groups = [...groupBy(blocks, ({ group }) => String(group)).values()];
			const groupCaseIds = groups.map((pair) => pair.flatMap(({ caseIds }) => caseIds));
			for (const cell of truthStratumCells(input.cases)) {
				const inCell = (ids: readonly string[]) => countOf(ids, (id) => cell.caseIds.includes(id));
				const perGroup = groupCaseIds.map(inCell);
				expect(Math.max(...perGroup) - Math.min(...perGroup)).toBeLessThanOrEqual(1);
				for (const pair of groups) {
					const [one = 0, two = 0] = pair.map(({ caseIds }) => inCell(caseIds));
					expect(Math.abs(one - two)).toBeLessThanOrEqual(1);
				}
			}
			for (const pair of groups) {
				for (const { caseIds } of pair) {
					const truths = new Set(
						input.cases.filter(({ id }) => caseIds.includes(id)).map(({ truth }) => truth)
					);
					expect(truths).toEqual(new Set([0, 1]));
				}
			}
		});
	});
});
