// The workstation's viewports: one viewer per viewport of the case's hanging layout (one when the
// case is not hung), what each shows, and what they report — the drawing of each case's images
// (a hung case's first viewport is drawn before the others are given their images; once all are
// drawn the next case's images are prefetched, and the workstation fetches its view), an image that could not be loaded, the display state of the
// active viewport (window, invert, zoom) and the reader's scrolls, window/level, zoom and pan,
// which go into the case's event log. The workstation keeps the answers, the toolbar and the keys.
import { untrack } from 'svelte';
import type { ReadCase } from '$lib/viewer/read-case.svelte';
import type { DisplayWindow, StackViewer, ViewerListener } from '$lib/viewer/stack-viewer';
import type { ViewKeeper } from '$lib/viewer/view-keeper';
import { caseImage, paneSlices, panesOf, sliceAt, type Pane } from '$lib/viewer/hanging-panes';
import { stackSlices } from '$lib/viewer/stack-frames';
import { m } from '$lib/paraglide/messages';

export interface GridContext {
	/** The case on the workstation. */
	readCase(): ReadCase | null;
	/** The case, while a drag or wheel of the reader's is under way. */
	gesture(): ReadCase | null;
	viewKeeper: ViewKeeper;
	/** Every viewport of the case has drawn (or could not): the time to fetch the next case ahead. */
	drawn?(current: ReadCase): void;
}

type Outcome = 'drawn' | 'failed';

export class ViewportGrid {
	/** One viewer per viewport of the case's layout (one when the case is not hung). */
	viewers = $state.raw<Array<StackViewer | null>>([]);
	panes = $state.raw<Pane[]>([]);
	/** The viewport the toolbar, presets and keys act on. */
	active = $state(0);
	readonly viewer = $derived(this.viewers[this.active] ?? null);
	imageIndexes = $state<number[]>([]);
	readonly imageIndex = $derived(this.imageIndexes[this.active] ?? 0);
	displayWindow = $state<DisplayWindow | null>(null);
	imageWindow = $state<DisplayWindow | null>(null);
	inverted = $state(false);
	zoom = $state(1);
	revision = $state(0);
	/** What the reader is told when the viewer or an image failed. */
	problem = $state<string | null>(null);
	/**
	 * The case whose first viewport has drawn (or could not). A hung case's other viewports are
	 * given their images only then: the first view is not kept waiting while all of them upload
	 * and draw.
	 */
	private leadDrawn = $state.raw<ReadCase | null>(null);
	/** The case each viewer shows (a viewer that has not shown the current case is given it). */
	private readonly shownFor: Array<ReadCase | null> = [];
	private previousImages: string[] = [];
	/** The viewports that have drawn each case's images, or could not. */
	private readonly settled = new WeakMap<ReadCase, Array<Outcome | undefined>>();
	private readonly listeners: ViewerListener[] = [];

	constructor(private readonly context: GridContext) {}

	/**
	 * Shows each viewport's images once both its viewer and the case are there, and synchronises
	 * what the hanging protocol says once every viewport of the layout is there. Called while the
	 * workstation is created, after its own effects.
	 */
	follow(): void {
		$effect(() => {
			const all = this.viewers;
			const current = this.context.readCase();
			const lead = this.leadDrawn;
			if (!current) return;
			untrack(() =>
				all.forEach((shown, slot) => {
					if (slot > 0 && lead !== current) return;
					if (shown && this.shownFor[slot] !== current && this.panes[slot])
						this.showPane(shown, slot, current);
				})
			);
		});
		$effect(() => {
			const layout = this.context.readCase()?.view.hanging;
			const ids = this.viewers.slice(0, this.panes.length).map((shown) => shown?.viewportId);
			if (!layout || ids.length !== this.panes.length || ids.some((id) => !id)) return;
			let gone = false;
			let undo: (() => void) | null = null;
			void Promise.all([import('$lib/viewer/cornerstone'), import('$lib/viewer/viewport-sync')])
				.then(async ([{ loadCornerstone }, { synchroniseViewports }]) => {
					const cornerstone = await loadCornerstone();
					if (!gone) undo = synchroniseViewports(cornerstone, ids as string[], layout.synchronise);
				})
				.catch(() => {});
			return () => {
				gone = true;
				undo?.();
			};
		});
	}

	/** A new case: its viewports (the hanging layout's, or one) and a fresh view state. */
	newCase(current: ReadCase): void {
		this.panes = panesOf(current.view);
		this.viewers = this.viewers.slice(0, this.panes.length);
		this.imageIndexes = this.panes.map(() => 0);
		this.active = 0;
		this.displayWindow = null;
		this.imageWindow = null;
		this.inverted = false;
		this.problem = null;
	}

	/** A viewport's viewer was created. */
	ready(slot: number, created: StackViewer): void {
		const next = [...this.viewers];
		while (next.length <= slot) next.push(null);
		next[slot] = created;
		this.viewers = next;
	}

	private showPane(shown: StackViewer, slot: number, current: ReadCase): void {
		this.shownFor[slot] = current;
		const pane = this.panes[slot]!;
		shown.present(pane.presentation);
		const leaving = slot === 0 ? this.previousImages : [];
		if (slot === 0) this.previousImages = sliceUrls(current.view.images, current.view.frames);
		if (slot === 0 && pane.slices.length === 0) this.leadDrawn = current;
		shown
			.show(pane.slices.map((slice) => slice.url))
			.then(() => shown.release(leaving))
			.catch((error: unknown) => {
				if (slot === 0) this.leadDrawn = current;
				const detail = error instanceof Error ? ` (${error.message})` : '';
				this.problem = m.read_images_failed({ detail });
			});
	}

	/** The case, once its clock runs: viewer events before the first image are not the reader's. */
	private reading(): ReadCase | null {
		const current = this.context.readCase();
		return current && current.clock.state !== 'waiting' ? current : null;
	}

	/** The case image (1-based) and, on a multi-frame image, the frame a viewport shows at this stack index. */
	shownAt(slot: number, index: number): Record<string, number> {
		const { image, frame } = sliceAt(this.panes[slot], index);
		return frame ? { image, frame } : { image };
	}

	/** Which viewport an event happened in, when the case is hung in several (1-based, with its image). */
	where(slot: number): Record<string, number> {
		return this.context.readCase()?.view.hanging
			? { viewport: slot + 1, ...this.shownAt(slot, this.imageIndexes[slot] ?? 0) }
			: {};
	}

	/**
	 * A viewport drew the case's image or could not load it. The first one lets the others show
	 * theirs; all drawn sets the `tandem:all-pixels` mark (bench); all settled starts loading the
	 * next case's images, which would otherwise take the processor from this case's drawing.
	 */
	private settle(slot: number, current: ReadCase, outcome: Outcome): void {
		const slots = this.settled.get(current) ?? [];
		this.settled.set(current, slots);
		if (slots[slot]) return;
		slots[slot] = outcome;
		if (slot === 0) this.leadDrawn = current;
		const count = slots.filter(Boolean).length;
		if (count !== this.panes.filter((pane) => pane.slices.length > 0).length) return;
		if (slots.every((each) => each !== 'failed'))
			performance.mark('tandem:all-pixels', { detail: { assignment: current.view.assignment } });
		const next = current.view.next;
		const urls = next ? sliceUrls(next.images, next.frames) : [];
		if (urls.length > 0) setTimeout(() => void this.viewers[0]?.prefetch(urls), 0);
		this.context.drawn?.(current);
	}

	/** An image of a viewport could not be loaded: the reader is told which; the others are read. */
	private failed(slot: number, index: number, reason: string): void {
		const current = this.context.readCase();
		if (!current || this.shownFor[slot] !== current) return;
		const { image } = sliceAt(this.panes[slot], index);
		const detail = reason ? ` (${reason})` : '';
		const viewport = slot + 1;
		const label = this.panes[slot]?.label ?? '';
		const hung = Boolean(current.view.hanging);
		this.problem = hung
			? m.read_image_failed_viewport({ image, viewport, label, detail })
			: m.read_image_failed({ image, detail });
		const shown = this.shownAt(slot, index);
		current.record('image.failed', hung ? { viewport, ...shown } : shown);
		this.settle(slot, current, 'failed');
	}

	/** Each viewport's listener; the display state (window, zoom) shown is the active viewport's. */
	listenerFor(slot: number): ViewerListener {
		const existing = this.listeners[slot];
		if (existing) return existing;
		const { context } = this;
		const listener: ViewerListener = {
			rendered: (index) => {
				this.revision += 1;
				const current = context.readCase();
				if (current && this.shownFor[slot] === current) this.settle(slot, current, 'drawn');
				if (!current || current.clock.state !== 'waiting') return;
				current.rendered(caseImage(this.panes[slot], index) - 1);
				const shown = this.viewers[slot];
				this.imageWindow = shown?.dicomWindow() ?? null;
				if (shown && !current.view.hanging) void this.restoreView(shown, current);
				performance.mark('tandem:first-pixel', { detail: { assignment: current.view.assignment } });
			},
			newImage: (index) => {
				this.imageIndexes[slot] = index;
				this.revision += 1;
				const hanging = context.readCase()?.view.hanging;
				const restored = !hanging && context.viewKeeper.arrived(index);
				if (!restored)
					this.reading()?.record('scroll', {
						...this.shownAt(slot, index),
						...(hanging ? { viewport: slot + 1 } : {})
					});
			},
			voi: (window, isInverted) => {
				// A synchronised viewport follows the active one: the change is the active one's.
				if (slot !== this.active) return;
				this.displayWindow = window;
				if (isInverted !== undefined) this.inverted = isInverted;
				const { center, width } = window;
				context.gesture()?.record('wl', { center, width, ...this.where(slot) });
			},
			measured: (index, measurement) => {
				const current = context.readCase();
				if (!this.reading() || current?.submitted) return;
				current?.addMeasurement({ ...measurement, ...this.shownAt(slot, index) });
			},
			camera: (value) => {
				this.revision += 1;
				if (slot !== this.active) return;
				const zoomed = Math.abs(value - this.zoom) > 1e-3;
				this.zoom = value;
				const where = this.where(slot);
				context
					.gesture()
					?.record(
						zoomed ? 'zoom' : 'pan',
						zoomed ? { zoom: Math.round(value * 100) / 100, ...where } : where
					);
			},
			failed: (index, reason) => this.failed(slot, index, reason)
		};
		this.listeners[slot] = listener;
		return listener;
	}

	/** Makes another viewport the one the toolbar and keys act on. */
	activate(slot: number): void {
		if (slot === this.active || !this.panes[slot]) return;
		this.active = slot;
		this.displayWindow = null;
		this.zoom = this.viewers[slot]?.camera().zoom ?? 1;
		this.reading()?.record('viewport', this.where(slot));
	}

	/** A viewport with a series selector switched to another series of the case. */
	chooseSeries(slot: number, series: number): void {
		const current = this.context.readCase();
		const choice = current?.view.hanging?.series[series];
		const shown = this.viewers[slot];
		if (!current || !choice || !shown) return;
		const slices = paneSlices(current.view, choice.images);
		this.panes = this.panes.map((pane, index) =>
			index === slot ? { ...pane, images: choice.images, slices } : pane
		);
		this.imageIndexes[slot] = 0;
		void shown.show(slices.map((slice) => slice.url));
		this.reading()?.record('series', { viewport: slot + 1, series: series + 1 });
	}

	/** The case's kept view, if the page was reloaded while it was open. */
	private async restoreView(shown: StackViewer, current: ReadCase): Promise<void> {
		const { assignment, images, frames } = current.view;
		const kept = await this.context.viewKeeper.restore(
			shown,
			assignment,
			stackSlices(images, frames).length,
			() => current === this.context.readCase()
		);
		if (!kept) return;
		if (kept.inverted) this.inverted = shown.toggleInvert();
		current.record('view.restore', { image: kept.image + 1, zoom: kept.zoom });
	}
}

/** Every slice URL of these images (one per frame), as the viewer loads them. */
function sliceUrls(images: readonly string[], frames: readonly number[]): string[] {
	return stackSlices(images, frames).map((slice) => slice.url);
}
