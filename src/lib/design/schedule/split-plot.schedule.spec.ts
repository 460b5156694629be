import { describe, expect, it } from 'vitest';
import { keepOrderSource } from '../prng/scripted-source.fixture';
import type { StreamFactory } from '../prng/streams';
import { generateSplitPlotSchedule, splitPlotGroupLabels } from './split-plot.schedule';
import { normalizeScheduleInput } from './validate-input';

const keepOrder: StreamFactory = () => keepOrderSource;

describe('split-plot design', () => {
	const input = normalizeScheduleInput({
		design: 'split-plot',
		seed: '1',
		arms: ['unaided', 'aided'],
		cases: ['n1', 'n2', 'n3', 'n4', 'p1', 'p2', 'p3', 'p4'].map((id) => ({
			id,
			truth: id.startsWith('p') ? (1 as const) : (0 as const)
		})),
		readers: ['r1', 'r2', 'r3', 'r4'].map((id) => ({ id, site: 'A' })),
		splitPlotGroups: 2
	});
	const schedule = generateSplitPlotSchedule(input, keepOrder);

	it('labels groups G1, G2, …', () => {
		expect(splitPlotGroupLabels(3)).toEqual(['G1', 'G2', 'G3']);
	});

	it('deals case groups, then blocks inside each group (worked by hand)', () => {
		// Groups: n1 n2 n3 n4 p1 p2 p3 p4 dealt 1,2,1,2,… → G1 {n1 n3 p1 p3}, G2 {n2 n4 p2 p4};
		// inside G1: n1 n3 | p1 p3 dealt 1,2,1,2 → block 1 {n1 p1}, block 2 {n3 p3}; likewise G2.
		expect(schedule.caseBlocks).toEqual([
			{ group: 'G1', block: 1, caseIds: ['n1', 'p1'] },
			{ group: 'G1', block: 2, caseIds: ['n3', 'p3'] },
			{ group: 'G2', block: 1, caseIds: ['n2', 'p2'] },
			{ group: 'G2', block: 2, caseIds: ['n4', 'p4'] }
		]);
	});

	it('allocates groups by site, then AB/BA within site × group', () => {
		// Site A group block [G1 G2] twice → r1 G1, r2 G2, r3 G1, r4 G2; then [AB BA] within each group.
		expect(schedule.readers.map((r) => `${r.readerId} ${r.group} ${r.sequence}`)).toEqual([
			'r1 G1 AB',
			'r2 G2 AB',
			'r3 G1 BA',
			'r4 G2 BA'
		]);
	});

	it('has each reader read only their case group, once per arm, with the crossover periods', () => {
		const r4 = schedule.readers[3];
		expect(r4?.assignments.map((a) => `p${a.period} #${a.position} ${a.arm} ${a.caseId}`)).toEqual([
			'p1 #1 aided n2',
			'p1 #2 unaided n4',
			'p1 #3 aided p2',
			'p1 #4 unaided p4',
			'p2 #1 unaided n2',
			'p2 #2 aided n4',
			'p2 #3 unaided p2',
			'p2 #4 aided p4'
		]);
	});
});
