import { describe, expect, it } from 'vitest';
import { scheduleToCsv, scheduleToRows, sequenceLabel } from './rows';
import type { Schedule } from './schedule.types';

const schedule: Schedule = {
	algorithm: 'test',
	design: 'split-plot',
	seed: 's',
	arms: ['unaided', 'aided'],
	readers: [
		{
			readerId: 'Dr "Q", MD',
			site: 'A',
			sequence: 'BA',
			group: 'G2',
			// deliberately out of order: rows come out by period, session, position
			assignments: [
				{ period: 2, session: 2, arm: 'unaided', caseId: 'x', position: 1 },
				{ period: 1, session: 1, arm: 'aided', caseId: 'y', position: 2 },
				{ period: 1, session: 1, arm: 'unaided', caseId: 'line\nbreak', position: 1 }
			]
		}
	],
	summary: {
		readerCount: 1,
		caseCount: 2,
		readCount: 3,
		periodCount: 2,
		sessionCount: 2,
		caseBlocks: [],
		allocationBySite: []
	}
};

describe('scheduleToRows / scheduleToCsv', () => {
	it('labels split-plot sequences with the group first', () => {
		expect(sequenceLabel({ sequence: 'AB', group: null })).toBe('AB');
		expect(sequenceLabel({ sequence: 'BA', group: 'G2' })).toBe('G2/BA');
	});

	it('orders rows by period, session and position', () => {
		expect(
			scheduleToRows(schedule).map((row) => `${row.period}/${row.session}/${row.position}`)
		).toEqual(['1/1/1', '1/1/2', '2/2/1']);
	});

	it('writes RFC 4180 quoting, a header and a final newline', () => {
		expect(scheduleToCsv(schedule)).toBe(
			'reader,site,sequence,period,session,arm,case,position\n' +
				'"Dr ""Q"", MD",A,G2/BA,1,1,unaided,"line\nbreak",1\n' +
				'"Dr ""Q"", MD",A,G2/BA,1,1,aided,y,2\n' +
				'"Dr ""Q"", MD",A,G2/BA,2,2,unaided,x,1\n'
		);
	});
});
