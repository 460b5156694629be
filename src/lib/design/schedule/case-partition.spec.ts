import { describe, expect, it } from 'vitest';
import { keepOrderSource, scriptedSource } from '../prng/scripted-source.fixture';
import type { StreamFactory } from '../prng/streams';
import { createStream } from '../prng/streams';
import { dealCasesStratified, truthStratumCells } from './case-partition';
import type { ScheduleCase } from './schedule.types';

const keepOrder: StreamFactory = () => keepOrderSource;

const cases: ScheduleCase[] = [
	{ id: 'p2', truth: 1, stratum: 'GE' },
	{ id: 'n1', truth: 0, stratum: 'GE' },
	{ id: 'n3', truth: 0 },
	{ id: 'p1', truth: 1, stratum: 'GE' },
	{ id: 'n2', truth: 0, stratum: 'GE' },
	{ id: 'p3', truth: 1, stratum: 'Siemens' }
];

describe('truthStratumCells', () => {
	it('orders cells by truth then stratum (missing stratum = ""), ids in code-unit order', () => {
		expect(truthStratumCells(cases)).toEqual([
			{ truth: 0, stratum: '', caseIds: ['n3'] },
			{ truth: 0, stratum: 'GE', caseIds: ['n1', 'n2'] },
			{ truth: 1, stratum: 'GE', caseIds: ['p1', 'p2'] },
			{ truth: 1, stratum: 'Siemens', caseIds: ['p3'] }
		]);
	});
});

describe('dealCasesStratified', () => {
	it('deals each cell round-robin, the dealer carrying over between cells (worked by hand)', () => {
		// Unshuffled cells n3 | n1 n2 | p1 p2 | p3 dealt to blocks 1,2,1,2,1,2,…:
		// n3→1, n1→2, n2→1, p1→2, p2→1, p3→2.
		expect(dealCasesStratified(cases, 2, keepOrder, ['blocks'])).toEqual([
			['n2', 'n3', 'p2'],
			['n1', 'p1', 'p3']
		]);
	});

	it('shuffles each cell with its own case-blocks stream keyed by truth and stratum', () => {
		const keys: string[] = [];
		const swapFirstTwo: StreamFactory = (purpose, key) => {
			keys.push(`${purpose} ${key.join('|')}`);
			return key.includes('GE') && key.includes('0') ? scriptedSource([0]) : keepOrderSource;
		};
		// The truth-0 GE cell [n1 n2] is shuffled to [n2 n1], so n2 now goes to block 2 and n1 to block 1.
		expect(dealCasesStratified(cases, 2, swapFirstTwo, ['blocks'])).toEqual([
			['n1', 'n3', 'p2'],
			['n2', 'p1', 'p3']
		]);
		expect(keys).toEqual([
			'case-blocks blocks|truth|0|stratum|',
			'case-blocks blocks|truth|0|stratum|GE',
			'case-blocks blocks|truth|1|stratum|GE',
			'case-blocks blocks|truth|1|stratum|Siemens'
		]);
	});

	it('balances each cell across three groups to within one case', () => {
		const many: ScheduleCase[] = Array.from({ length: 20 }, (_, index) => ({
			id: `c${String(index).padStart(2, '0')}`,
			truth: index % 2 === 0 ? 0 : 1,
			stratum: index % 3 === 0 ? 'A' : 'B'
		}));
		const groups = dealCasesStratified(many, 3, (purpose, key) => createStream('7', purpose, key), [
			'groups'
		]);
		expect(groups.flat().sort()).toEqual(many.map(({ id }) => id));
		for (const cell of truthStratumCells(many)) {
			const counts = groups.map((group) => group.filter((id) => cell.caseIds.includes(id)).length);
			expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
		}
		const sizes = groups.map((group) => group.length);
		expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
	});
});
