// The workstation's viewer controls: the left button's tool, mark mode, cine, the window presets,
// invert/fit/reset, the help overlay and the AI overlay — from the toolbar and from the keys
// (shortcuts.ts). Each change the reader makes goes into the read's event log. The answers to the
// case (decision, confidence, marks) and the submit are the workstation's (reading-workstation.svelte).
import { untrack } from 'svelte';
import type { ReadCase } from '$lib/viewer/read-case.svelte';
import type { PrimaryTool } from '$lib/viewer/measurement-tools';
import type { ShortcutAction } from '$lib/viewer/shortcuts';
import type { StackViewer } from '$lib/viewer/stack-viewer';
import type { ReadingView } from '$lib/domain/reading-view';
import { asksForMarks } from '$lib/design/protocol/protocol.schema';
import { presetsWithImageWindow, type WindowPreset } from '$lib/components/reading/workstation';
import type { ViewportGrid } from '$lib/components/reading/viewport-grid-state.svelte';

export interface ControlsContext {
	grid: ViewportGrid;
	/** The case shown. */
	view(): ReadingView;
	/** The case on the workstation. */
	readCase(): ReadCase | null;
	/** The case, once its clock runs: what the reader does before the first image is not logged. */
	reading(): ReadCase | null;
}

/** The shortcut actions the viewer controls carry out; the others are the workstation's. */
type ViewAction = 'invert' | 'fit' | 'reset' | 'pause' | 'help';
const VIEW_ACTIONS = new Set<string>(['invert', 'fit', 'reset', 'pause', 'help']);

export class ViewerControls {
	/** The left button's tool. */
	tool = $state<PrimaryTool>('windowlevel');
	markMode = $state(false);
	/** Cine: playing or not, and its frames per second. */
	cinePlaying = $state(false);
	cineRate = $state(10);
	helpOpen = $state(false);
	aiOverlayShown = $state(true);
	/** The viewer cine plays in: the viewport that was active when it started. */
	private cineViewer: StackViewer | null = null;

	constructor(private readonly context: ControlsContext) {}

	/** The case's window presets, the image's own window first unless a preset is the same. */
	get presets(): WindowPreset[] {
		return presetsWithImageWindow(this.context.view().presets, this.context.grid.imageWindow);
	}

	private get viewer(): StackViewer | null {
		return this.context.grid.viewer;
	}

	/** A new case: no mark mode, the window/level tool, cine stopped. */
	newCase(): void {
		this.markMode = false;
		this.chooseTool('windowlevel');
		this.playCine(false);
	}

	/**
	 * Turning to another viewport stops cine where it plays: the toolbar and K act on the active
	 * one. Called while the component is created (it sets up an effect).
	 */
	follow(): void {
		$effect(() => {
			const shown = this.viewer;
			untrack(() => {
				if (this.cinePlaying && this.cineViewer !== shown) this.playCine(false);
			});
		});
	}

	applyPreset(index: number): void {
		const preset = this.presets[index];
		if (!preset || !this.viewer) return;
		this.viewer.setWindow(preset);
		this.context.reading()?.record('preset', { name: preset.name });
	}

	viewAction(kind: ViewAction): void {
		const { grid } = this.context;
		const viewer = this.viewer;
		if (kind === 'help') this.helpOpen = !this.helpOpen;
		else if (kind === 'pause') this.context.readCase()?.togglePause();
		else if (viewer) {
			if (kind === 'invert') grid.inverted = viewer.toggleInvert();
			else if (kind === 'fit') viewer.fit();
			else {
				viewer.reset();
				grid.inverted = false;
			}
			this.context.reading()?.record(kind);
		}
	}

	toggleMarkMode(): void {
		if (!asksForMarks(this.context.view().rating)) return;
		this.markMode = !this.markMode;
		if (this.markMode) this.chooseTool('windowlevel');
	}

	/** The one place the left button's tool changes (measurement-tools.ts: setPrimaryTool). */
	chooseTool(next: PrimaryTool): void {
		this.tool = next;
		this.viewer?.setPrimaryTool(next);
		if (next !== 'windowlevel') this.markMode = false;
	}

	/** Starts, re-times or stops cine; every start, change and stop goes into the read's log. */
	playCine(play: boolean, rate = this.cineRate): void {
		const { grid } = this.context;
		const wasPlaying = this.cinePlaying;
		this.cineRate = rate;
		this.cinePlaying = play && (grid.panes[grid.active]?.slices.length ?? 0) > 1;
		this.cineViewer?.cine(null);
		this.cineViewer = this.cinePlaying ? this.viewer : null;
		this.cineViewer?.cine(rate);
		if (play || wasPlaying)
			this.context.reading()?.record('cine', { playing: this.cinePlaying, fps: rate });
	}

	toggleAiOverlay(): void {
		if (this.context.view().ai?.status !== 'done') return;
		this.aiOverlayShown = !this.aiOverlayShown;
		this.context.reading()?.record('ai.overlay', { shown: this.aiOverlayShown });
	}

	/** Escape: help closed, mark mode off, back to window/level. */
	escape(): void {
		this.helpOpen = false;
		this.markMode = false;
		this.chooseTool('windowlevel');
	}

	/** Carries out a viewer action from the keys; false for the actions that are the workstation's. */
	perform(action: ShortcutAction): boolean {
		const { grid } = this.context;
		if (action.kind === 'preset') this.applyPreset(action.index);
		else if (action.kind === 'scroll') this.viewer?.scroll(action.delta);
		else if (action.kind === 'next-viewport')
			grid.activate((grid.active + 1) % Math.max(1, grid.panes.length));
		else if (action.kind === 'mark-mode') this.toggleMarkMode();
		else if (action.kind === 'tool') this.chooseTool(action.tool);
		else if (action.kind === 'cine') this.playCine(!this.cinePlaying);
		else if (action.kind === 'ai-overlay') this.toggleAiOverlay();
		else if (VIEW_ACTIONS.has(action.kind)) this.viewAction(action.kind as ViewAction);
		else return false;
		return true;
	}
}
