import { describe, expect, it } from 'vitest';
import { keepOrderSource } from '../prng/scripted-source.fixture';
import type { StreamFactory } from '../prng/streams';
import { cutIntoSessions, planReaderPeriods, sessionSizes } from './reading-order';

const keepOrder: StreamFactory = () => keepOrderSource;

describe('sessionSizes', () => {
	it('splits into the fewest sessions under the cap, sizes within one, larger first', () => {
		expect(sessionSizes(10, 4)).toEqual([4, 3, 3]);
		expect(sessionSizes(8, 4)).toEqual([4, 4]);
		expect(sessionSizes(9, 4)).toEqual([3, 3, 3]);
		expect(sessionSizes(5, 1)).toEqual([1, 1, 1, 1, 1]);
		expect(sessionSizes(3, 10)).toEqual([3]);
		expect(sessionSizes(7, null)).toEqual([7]);
		expect(sessionSizes(0, 3)).toEqual([]);
	});
});

describe('cutIntoSessions', () => {
	it('keeps a unit together and numbers positions 1..n per session', () => {
		const pair = (caseId: string) => [
			{ arm: 'unaided', caseId },
			{ arm: 'aided', caseId }
		];
		expect(cutIntoSessions([pair('a'), pair('b'), pair('c')], 1, 1, 2)).toEqual([
			{ period: 1, session: 1, arm: 'unaided', caseId: 'a', position: 1 },
			{ period: 1, session: 1, arm: 'aided', caseId: 'a', position: 2 },
			{ period: 1, session: 1, arm: 'unaided', caseId: 'b', position: 3 },
			{ period: 1, session: 1, arm: 'aided', caseId: 'b', position: 4 },
			{ period: 1, session: 2, arm: 'unaided', caseId: 'c', position: 1 },
			{ period: 1, session: 2, arm: 'aided', caseId: 'c', position: 2 }
		]);
	});
});

describe('planReaderPeriods', () => {
	it('sorts units by case id before shuffling and numbers sessions on across periods', () => {
		const read = (arm: string, caseId: string) => [{ arm, caseId }];
		const periods = [
			[read('A', 'z'), read('B', 'y'), read('A', 'x')],
			[read('B', 'z'), read('A', 'y'), read('B', 'x')]
		];
		const plan = planReaderPeriods('r1', periods, 2, keepOrder);
		expect(plan.map((a) => `${a.period}/${a.session}/${a.position} ${a.arm} ${a.caseId}`)).toEqual([
			'1/1/1 A x',
			'1/1/2 B y',
			'1/2/1 A z',
			'2/3/1 B x',
			'2/3/2 A y',
			'2/4/1 B z'
		]);
	});

	it('draws case order from the case-order stream keyed by reader and period', () => {
		const keys: string[] = [];
		const recording: StreamFactory = (purpose, key) => (
			keys.push(`${purpose} ${key.join('|')}`),
			keepOrderSource
		);
		planReaderPeriods(
			'reader 7',
			[[[{ arm: 'A', caseId: 'c' }]], [[{ arm: 'B', caseId: 'c' }]]],
			null,
			recording
		);
		expect(keys).toEqual([
			'case-order reader|reader 7|period|1',
			'case-order reader|reader 7|period|2'
		]);
	});
});
