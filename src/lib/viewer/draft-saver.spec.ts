import { describe, expect, it } from 'vitest';
import { createDraftSaver } from './draft-saver';

function setup(network = { down: false }) {
	const timers: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
	const sent: Array<{ body: unknown; keepalive: boolean }> = [];
	let draft = { decision: 1, comment: '' };
	const saver = createDraftSaver({
		delayMs: 1000,
		snapshot: () => draft,
		send: async (body, keepalive) => {
			if (network.down) throw new Error('offline');
			sent.push({ body: JSON.parse(body), keepalive });
		},
		setTimer: (callback, ms) => {
			const timer = { callback, ms, cleared: false };
			timers.push(timer);
			return timer;
		},
		clearTimer: (handle) => ((handle as { cleared: boolean }).cleared = true)
	});
	const fire = async () => {
		for (const timer of timers.filter((candidate) => !candidate.cleared)) {
			timer.cleared = true;
			timer.callback();
		}
		await new Promise((resolve) => setTimeout(resolve, 0));
	};
	return { saver, timers, sent, fire, edit: (comment: string) => (draft = { ...draft, comment }) };
}

describe('draft saver', () => {
	it('saves once per second of changes, not once per change', async () => {
		const { saver, timers, sent, fire, edit } = setup();
		for (const text of ['a', 'ab', 'abc']) {
			edit(text);
			saver.changed();
		}
		expect(timers).toHaveLength(1);
		expect(timers[0]!.ms).toBe(1000);
		await fire();
		expect(sent).toEqual([{ body: { decision: 1, comment: 'abc' }, keepalive: false }]);
	});

	it('saves at once with keepalive when the page is hidden, and never sends the same draft twice', async () => {
		const { saver, timers, sent, fire, edit } = setup();
		edit('x');
		saver.changed();
		await saver.flush(true);
		expect(timers[0]!.cleared).toBe(true);
		await saver.flush(true);
		await fire();
		expect(sent).toEqual([{ body: { decision: 1, comment: 'x' }, keepalive: true }]);
	});

	it('saves nothing after close (the read was submitted)', async () => {
		const { saver, sent, fire, edit } = setup();
		edit('y');
		saver.changed();
		saver.close();
		saver.changed();
		await saver.flush(true);
		await fire();
		expect(sent).toEqual([]);
	});

	it('tries a failed save again next time', async () => {
		const network = { down: true };
		const { saver, sent, edit } = setup(network);
		edit('z');
		await expect(saver.flush()).resolves.toBeUndefined();
		expect(sent).toEqual([]);
		network.down = false;
		await saver.flush();
		expect(sent).toEqual([{ body: { decision: 1, comment: 'z' }, keepalive: false }]);
	});
});
