import { describe, expect, it } from 'vitest';
import { keepOrderSource } from '../prng/scripted-source.fixture';
import type { StreamFactory } from '../prng/streams';
import { generateFullyCrossedSchedule } from './fully-crossed.schedule';
import { normalizeScheduleInput } from './validate-input';

const keepOrder: StreamFactory = () => keepOrderSource;

describe('fully crossed design', () => {
	it('reads all cases in the first arm as period 1 and all in the second as period 2 (worked by hand)', () => {
		// Unshuffled permuted blocks per site: A → a1 AB, a2 BA; B → b1 AB.
		const input = normalizeScheduleInput({
			design: 'fully-crossed',
			seed: '1',
			arms: ['unaided', 'aided'],
			cases: [
				{ id: 'y', truth: 1 },
				{ id: 'x', truth: 0 }
			],
			readers: [
				{ id: 'a1', site: 'A' },
				{ id: 'b1', site: 'B' },
				{ id: 'a2', site: 'A' }
			]
		});
		const readers = generateFullyCrossedSchedule(input, keepOrder).readers;
		expect(readers.map((reader) => `${reader.readerId} ${reader.sequence}`)).toEqual([
			'a1 AB',
			'b1 AB',
			'a2 BA'
		]);
		const a2 = readers[2];
		expect(
			a2?.assignments.map((a) => `p${a.period} s${a.session} #${a.position} ${a.arm} ${a.caseId}`)
		).toEqual(['p1 s1 #1 aided x', 'p1 s1 #2 aided y', 'p2 s2 #1 unaided x', 'p2 s2 #2 unaided y']);
	});
});
