// DES-2: the same input always gives the same schedule, byte for byte, and enrolling one more reader
// never changes anyone already scheduled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSchedule } from './generate-schedule';
import { scheduleToCsv } from './rows';
import {
	protocolArbitrary,
	protocolWithAppendedReaderArbitrary
} from './schedule-arbitraries.fixture';

describe('reproducibility, over random protocols', () => {
	it('gives byte-identical CSV for identical input', () => {
		fc.assert(
			fc.property(protocolArbitrary, (input) => {
				const first = scheduleToCsv(generateSchedule(input));
				const second = scheduleToCsv(generateSchedule(structuredClone(input)));
				expect(second).toBe(first);
			})
		);
	});

	it('does not depend on the order in which cases are listed', () => {
		fc.assert(
			fc.property(protocolArbitrary, (input) => {
				const reversed = { ...input, cases: [...input.cases].reverse() };
				expect(scheduleToCsv(generateSchedule(reversed))).toBe(
					scheduleToCsv(generateSchedule(input))
				);
			})
		);
	});

	it('never changes an existing reader when a reader is appended, at the same or another site', () => {
		fc.assert(
			fc.property(protocolWithAppendedReaderArbitrary, ({ protocol, appended }) => {
				const before = generateSchedule(protocol);
				const after = generateSchedule({ ...protocol, readers: [...protocol.readers, appended] });
				expect(after.readers.slice(0, -1)).toEqual(before.readers);
				expect(after.summary.caseBlocks).toEqual(before.summary.caseBlocks);
				expect(scheduleToCsv(after).startsWith(scheduleToCsv(before))).toBe(true);
			})
		);
	});

	it('changes the schedule when the seed changes (for a protocol big enough to notice)', () => {
		const input = {
			design: 'crossover' as const,
			arms: ['unaided', 'aided'] as const,
			cases: Array.from({ length: 20 }, (_, index) => ({
				id: `c${index}`,
				truth: (index % 2) as 0 | 1
			})),
			readers: Array.from({ length: 6 }, (_, index) => ({ id: `r${index}`, site: 'A' }))
		};
		const csvOf = (seed: string) => scheduleToCsv(generateSchedule({ ...input, seed }));
		expect(csvOf('1')).not.toBe(csvOf('2'));
		expect(csvOf('1')).not.toBe(csvOf('01'));
	});
});
