// What the reader has made of the display of the case on the screen — image, window/level,
// invert, zoom and pan — kept in the tab's sessionStorage so that a reload (switching the
// interface language reloads the page) brings the case back as it was. One entry per tab: the
// case last shown; another case's entry is never applied.
import { z } from 'zod';
import type { DisplayWindow } from './stack-viewer';

export interface ViewState {
	assignment: string;
	/** 0-based image of the case's stack. */
	image: number;
	window: DisplayWindow | null;
	inverted: boolean;
	zoom: number;
	/** The viewport's pan (world units), as the viewer reports it. */
	pan: [number, number];
}

const KEY = 'tandem:view-state';

const finite = z.number().finite();
const viewStateSchema = z.strictObject({
	assignment: z.string().min(1).max(100),
	image: z.number().int().min(0).max(100_000),
	window: z.strictObject({ center: finite, width: finite.positive() }).nullable(),
	inverted: z.boolean(),
	zoom: finite.positive(),
	pan: z.tuple([finite, finite])
});

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function saveViewState(storage: Store, state: ViewState): void {
	try {
		storage.setItem(KEY, JSON.stringify(state));
	} catch {
		// Storage full or refused (private mode): the view is simply not kept.
	}
}

/** The kept view of this assignment, or null (none, another case's, or unreadable). */
export function loadViewState(storage: Store, assignment: string): ViewState | null {
	let raw: string | null;
	try {
		raw = storage.getItem(KEY);
	} catch {
		return null;
	}
	if (raw === null) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return null;
	}
	const result = viewStateSchema.safeParse(parsed);
	return result.success && result.data.assignment === assignment ? result.data : null;
}
