import { describe, expect, it } from 'vitest';
import { createReadTimer, type TimerTransition } from './read-timer';

/** A hand-driven clock: every expected value below is worked out from the steps by hand. */
function setup(idleMs = 120_000, carried?: { elapsedMs?: number; pausedMs?: number }) {
	let time = 1_000_000;
	const transitions: TimerTransition[] = [];
	const timer = createReadTimer({
		idleMs,
		now: () => time,
		carried,
		onTransition: (transition) => transitions.push(transition)
	});
	return {
		timer,
		transitions,
		advance: (ms: number) => {
			time += ms;
		},
		at: (offset: number) => 1_000_000 + offset
	};
}

describe('read timer', () => {
	it('counts nothing before the first rendered image', () => {
		const { timer, advance } = setup();
		advance(5_000);
		expect(timer.snapshot()).toEqual({ state: 'waiting', elapsedMs: 0, pausedMs: 0, reasons: [] });
	});

	it('counts from the start to the stop', () => {
		const { timer, advance, transitions, at } = setup();
		advance(300);
		timer.start();
		advance(2_500);
		expect(timer.stop()).toEqual({ state: 'stopped', elapsedMs: 2_500, pausedMs: 0, reasons: [] });
		advance(10_000);
		expect(timer.snapshot().elapsedMs).toBe(2_500);
		expect(transitions).toEqual([
			{ type: 'start', at: at(300) },
			{ type: 'stop', at: at(2_800) }
		]);
	});

	it('excludes an explicit pause: 1.5 s reading, 1 s paused, 0.5 s reading → 2.0 s read, 1.0 s paused', () => {
		const { timer, advance, transitions, at } = setup();
		timer.start();
		advance(1_500);
		timer.pause('user');
		advance(1_000);
		expect(timer.snapshot()).toEqual({
			state: 'paused',
			elapsedMs: 1_500,
			pausedMs: 1_000,
			reasons: ['user']
		});
		timer.resume('user');
		advance(500);
		expect(timer.stop()).toMatchObject({ elapsedMs: 2_000, pausedMs: 1_000 });
		expect(
			transitions.map((transition) => [transition.type, transition.at - at(0), transition.reason])
		).toEqual([
			['start', 0, undefined],
			['pause', 1_500, 'user'],
			['resume', 2_500, 'user'],
			['stop', 3_000, undefined]
		]);
	});

	it('stays paused until every reason is cleared (user pause, then the tab is hidden and shown)', () => {
		const { timer, advance } = setup();
		timer.start();
		advance(1_000);
		timer.pause('user');
		advance(1_000);
		timer.pause('hidden');
		advance(1_000);
		timer.resume('hidden');
		advance(1_000);
		expect(timer.snapshot()).toMatchObject({
			state: 'paused',
			elapsedMs: 1_000,
			pausedMs: 3_000,
			reasons: ['user']
		});
		timer.resume('user');
		advance(1_000);
		expect(timer.snapshot()).toMatchObject({ state: 'running', elapsedMs: 2_000, pausedMs: 3_000 });
	});

	it('stops counting at the idle threshold, back-dated, however late the check runs', () => {
		const { timer, advance, transitions, at } = setup(10_000);
		timer.start();
		advance(4_000);
		timer.input(); // last input at 4 s: idle from 14 s on
		advance(25_000); // now 29 s; no tick ran in between
		expect(timer.snapshot()).toMatchObject({
			state: 'paused',
			elapsedMs: 14_000,
			pausedMs: 15_000,
			reasons: ['idle']
		});
		expect(transitions.at(-1)).toEqual({ type: 'pause', at: at(14_000), reason: 'idle' });
		timer.input(); // back at 29 s
		advance(1_000);
		expect(timer.stop()).toMatchObject({ elapsedMs: 15_000, pausedMs: 15_000 });
		expect(transitions.map((transition) => transition.type)).toEqual([
			'start',
			'pause',
			'resume',
			'stop'
		]);
	});

	it('input just before the threshold keeps the clock running', () => {
		const { timer, advance } = setup(10_000);
		timer.start();
		advance(9_999);
		timer.input();
		advance(9_999);
		timer.tick();
		expect(timer.snapshot()).toMatchObject({ state: 'running', elapsedMs: 19_998, pausedMs: 0 });
	});

	it('does not count idleness during an explicit pause, and restarts the idle window on resume', () => {
		const { timer, advance } = setup(10_000);
		timer.start();
		advance(2_000);
		timer.pause('user');
		advance(60_000);
		timer.resume('user');
		advance(9_000);
		expect(timer.snapshot()).toMatchObject({
			state: 'running',
			elapsedMs: 11_000,
			pausedMs: 60_000
		});
	});

	it('starts paused when the tab was hidden before the image rendered', () => {
		const { timer, advance } = setup();
		timer.pause('hidden');
		advance(1_000);
		timer.start();
		advance(2_000);
		timer.resume('hidden');
		advance(700);
		expect(timer.stop()).toMatchObject({ elapsedMs: 700, pausedMs: 2_000 });
	});

	it('carries the time of an earlier visit (a reload) and adds to it', () => {
		const { timer, advance } = setup(120_000, { elapsedMs: 42_000, pausedMs: 3_000 });
		advance(10_000); // loading the page again is not reading time
		timer.start();
		advance(8_000);
		expect(timer.stop()).toMatchObject({ elapsedMs: 50_000, pausedMs: 3_000 });
	});

	it('ignores repeated pauses and stray resumes, and everything after the stop', () => {
		const { timer, advance, transitions } = setup();
		timer.start();
		timer.resume('user');
		timer.pause('user');
		timer.pause('user');
		advance(1_000);
		timer.resume('user');
		advance(1_000);
		timer.stop();
		timer.pause('user');
		advance(1_000);
		timer.stop();
		expect(timer.snapshot()).toMatchObject({ state: 'stopped', elapsedMs: 1_000, pausedMs: 1_000 });
		expect(transitions.map((transition) => transition.type)).toEqual([
			'start',
			'pause',
			'resume',
			'stop'
		]);
	});
});
