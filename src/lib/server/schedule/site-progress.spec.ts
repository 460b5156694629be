import { describe, expect, it } from 'vitest';
import { siteNotifications } from './site-progress.service';
import type { ReaderProgress } from '../../domain/site-progress';

const now = new Date('2026-06-20T12:00:00Z');
const reader = (code: string, overrides: Partial<ReaderProgress>): ReaderProgress => ({
	readerCode: code,
	name: `Reader ${code}`,
	email: `${code}@x.org`,
	enrolledAt: new Date('2026-06-01T00:00:00Z'),
	withdrawn: false,
	yearsExperience: null,
	specialty: null,
	periods: [
		{ period: 1, done: 10, total: 20, opensAt: null, state: 'open' },
		{ period: 2, done: 0, total: 20, opensAt: null, state: 'waiting' }
	],
	lastReadAt: new Date('2026-06-19T00:00:00Z'),
	...overrides
});

describe('siteNotifications', () => {
	it('tells the coordinator whose period 2 has opened and who has stopped reading', () => {
		const notes = siteNotifications(
			[
				reader('R01', {}),
				reader('R02', { lastReadAt: new Date('2026-06-10T00:00:00Z') }),
				reader('R03', {
					periods: [
						{ period: 1, done: 20, total: 20, opensAt: null, state: 'completed' },
						{ period: 2, done: 0, total: 20, opensAt: null, state: 'open' }
					]
				}),
				reader('R04', { withdrawn: true, lastReadAt: null })
			],
			now
		);
		expect(notes).toEqual([
			{
				readerCode: 'R02',
				name: 'Reader R02',
				kind: 'behind',
				message: 'no read for 10 days while a session is open'
			},
			{
				readerCode: 'R03',
				name: 'Reader R03',
				kind: 'period-opened',
				message: 'period 2 is open: the washout is over'
			}
		]);
	});
});
