import { describe, expect, it } from 'vitest';
import { keepOrderSource } from '../prng/scripted-source.fixture';
import type { StreamFactory } from '../prng/streams';
import { generateSchedule } from './generate-schedule';
import type { ScheduleInput } from './schedule.types';
import { generateSequentialSchedule } from './sequential.schedule';
import { normalizeScheduleInput } from './validate-input';

const keepOrder: StreamFactory = () => keepOrderSource;

describe('sequential design', () => {
	const rawInput: ScheduleInput = {
		design: 'sequential',
		seed: '1',
		arms: ['unaided', 'aided'],
		cases: [
			{ id: 'b', truth: 1 },
			{ id: 'c', truth: 0 },
			{ id: 'a', truth: 0 }
		],
		readers: [{ id: 'r1', site: 'A' }],
		sessionMaxCases: 2
	};
	const input = normalizeScheduleInput(rawInput);

	it('reads each case unaided then aided at consecutive positions; the cap counts cases (worked by hand)', () => {
		// Cases a, b, c unshuffled; 3 cases under a cap of 2 → sessions of 2 and 1 cases.
		const [reader] = generateSequentialSchedule(input, keepOrder).readers;
		expect(reader?.sequence).toBe('AB');
		expect(
			reader?.assignments.map((a) => `s${a.session} #${a.position} ${a.arm} ${a.caseId}`)
		).toEqual([
			's1 #1 unaided a',
			's1 #2 aided a',
			's1 #3 unaided b',
			's1 #4 aided b',
			's2 #1 unaided c',
			's2 #2 aided c'
		]);
	});

	it('accepts a case set with a single truth class', () => {
		const schedule = generateSchedule({ ...rawInput, cases: [{ id: 'only', truth: 1 }] });
		expect(schedule.summary.readCount).toBe(2);
		expect(schedule.summary.periodCount).toBe(1);
		expect(schedule.summary.caseBlocks).toEqual([]);
	});
});
