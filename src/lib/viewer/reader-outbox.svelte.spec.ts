import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderOutbox } from './reader-outbox.svelte';

afterEach(() => vi.unstubAllGlobals());

describe('the reader outbox as the workstation shows it', () => {
	it('counts a read handed over as waiting from the moment it is handed over, once', async () => {
		// The server never answers: what is counted is what waits.
		vi.stubGlobal('fetch', () => new Promise(() => {}));
		const outbox = new ReaderOutbox('reader@example.org');
		expect(outbox.waitingCount).toBe(0);

		// Still being written to the browser's store (the workstation does not wait for that).
		const kept = outbox.keepRead('assignment-1', { assignment: 'assignment-1' });
		expect(outbox.waitingCount).toBe(1);
		expect(outbox.pending).toHaveLength(0);

		// Written: counted once, not as both written and being written.
		await kept;
		expect(outbox.pending.map((entry) => entry.assignment)).toEqual(['assignment-1']);
		expect(outbox.writing).toEqual([]);
		expect(outbox.waitingCount).toBe(1);

		const second = outbox.keepRead('assignment-2', { assignment: 'assignment-2' });
		expect(outbox.waitingCount).toBe(2);
		await second;
		expect(outbox.waitingCount).toBe(2);
	});
});
