// Viewer events → the read's event log (READ-3): what the reader did and when, in ms since the
// epoch. Continuous gestures (window/level drags, zoom, pan, slider moves) are throttled: the
// first event of a burst and then at most one per window, the latest value winning, so a drag
// records where it went without thousands of rows. Pure: the clock is injected.
import type { ViewerEvent } from '$lib/domain/read.schema';

export type EventDetail = NonNullable<ViewerEvent['detail']>;

/** The schema's cap; the last few places are kept for the events that close a read. */
export const EVENT_LIMIT = 5000;
const RESERVED = 50;
const CLOSING = new Set(['submit', 'stop', 'pause', 'resume']);

export const DEFAULT_THROTTLE_MS: Record<string, number> = {
	wl: 250,
	zoom: 250,
	pan: 250,
	confidence: 250,
	'mark.move': 250,
	scroll: 100
};

export interface EventRecorderOptions {
	now: () => number;
	throttleMs?: Record<string, number>;
	/** Events already recorded for this case (a reload). */
	initial?: ViewerEvent[];
	limit?: number;
}

export interface EventRecorder {
	/** Records an event now, or at `at` (e.g. a back-dated idle pause). */
	record(type: string, detail?: EventDetail, at?: number): void;
	/** Every event so far, including a throttled one still pending. */
	list(): ViewerEvent[];
	count(): number;
}

export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
	const throttle = options.throttleMs ?? DEFAULT_THROTTLE_MS;
	const limit = options.limit ?? EVENT_LIMIT;
	const events: ViewerEvent[] = [...(options.initial ?? [])].slice(0, limit);
	const lastKept = new Map<string, number>();
	const pending = new Map<string, ViewerEvent>();

	function push(event: ViewerEvent): void {
		const room = CLOSING.has(event.type) ? limit : limit - RESERVED;
		if (events.length < room) events.push(event);
	}

	function flushPending(): void {
		if (pending.size === 0) return;
		const waiting = [...pending.values()].sort((a, b) => a.at - b.at);
		pending.clear();
		for (const event of waiting) push(event);
	}

	function record(type: string, detail?: EventDetail, at = options.now()): void {
		const event: ViewerEvent = detail === undefined ? { type, at } : { type, at, detail };
		const window = throttle[type];
		if (window === undefined) {
			flushPending();
			push(event);
			return;
		}
		const last = lastKept.get(type);
		if (last !== undefined && at - last < window) {
			for (const [other] of pending) if (other !== type) flushOne(other);
			pending.set(type, event);
			return;
		}
		pending.delete(type); // superseded by this later value
		flushPending();
		lastKept.set(type, at);
		push(event);
	}

	function flushOne(type: string): void {
		const event = pending.get(type);
		if (!event) return;
		pending.delete(type);
		push(event);
	}

	return {
		record,
		list() {
			return [...events, ...[...pending.values()].sort((a, b) => a.at - b.at)];
		},
		count() {
			return events.length + pending.size;
		}
	};
}
