import { describe, expect, it } from 'vitest';
import { createEventRecorder } from './viewer-events';

function setup(limit?: number) {
	let time = 5_000;
	const recorder = createEventRecorder({ now: () => time, throttleMs: { wl: 250 }, limit });
	return { recorder, set: (ms: number) => (time = ms) };
}

describe('viewer event recorder', () => {
	it('records events with their time and detail', () => {
		const { recorder, set } = setup();
		recorder.record('rendered', { image: 1 });
		set(5_120);
		recorder.record('invert');
		expect(recorder.list()).toEqual([
			{ type: 'rendered', at: 5_000, detail: { image: 1 } },
			{ type: 'invert', at: 5_120 }
		]);
	});

	it('keeps the first event of a drag and at most one per window, the latest value winning', () => {
		const { recorder, set } = setup();
		// A window/level drag: an event every 50 ms from 5000 to 5600.
		for (let at = 5_000; at <= 5_600; at += 50) {
			set(at);
			recorder.record('wl', { center: at - 5_000, width: 400 });
		}
		// Kept: 5000 (first), 5250 (first after the window), 5500; 5550 superseded; 5600 pending.
		expect(recorder.list().map((event) => [event.at, event.detail?.center])).toEqual([
			[5_000, 0],
			[5_250, 250],
			[5_500, 500],
			[5_600, 600]
		]);
	});

	it('writes a pending throttled event before the next event of another type, keeping time order', () => {
		const { recorder, set } = setup();
		recorder.record('wl', { center: 1 });
		set(5_100);
		recorder.record('wl', { center: 2 });
		set(5_150);
		recorder.record('pause', { reason: 'user' });
		expect(recorder.list().map((event) => [event.type, event.at])).toEqual([
			['wl', 5_000],
			['wl', 5_100],
			['pause', 5_150]
		]);
	});

	it('accepts a back-dated time and starts from the events of an earlier visit', () => {
		const recorder = createEventRecorder({
			now: () => 9_000,
			initial: [{ type: 'rendered', at: 1_000 }]
		});
		recorder.record('pause', { reason: 'idle' }, 8_000);
		expect(recorder.list()).toEqual([
			{ type: 'rendered', at: 1_000 },
			{ type: 'pause', at: 8_000, detail: { reason: 'idle' } }
		]);
	});

	it('stops recording gestures near the cap but still records the closing events', () => {
		const { recorder } = setup(60);
		for (let index = 0; index < 20; index += 1) recorder.record('scroll', { image: index });
		expect(recorder.count()).toBe(10); // 60 − 50 reserved
		recorder.record('submit');
		expect(recorder.list().at(-1)?.type).toBe('submit');
		expect(recorder.count()).toBe(11);
	});
});
