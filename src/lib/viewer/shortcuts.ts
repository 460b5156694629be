// The workstation's keyboard: one table, shown as-is in the help overlay, so what is documented
// is what the keys do.
import { m } from '$lib/paraglide/messages';
import type { PrimaryTool } from './measurement-tools';

export type ShortcutAction =
	| { kind: 'preset'; index: number }
	| {
			kind:
				| 'invert'
				| 'reset'
				| 'fit'
				| 'pause'
				| 'submit'
				| 'help'
				| 'escape'
				| 'mark-mode'
				| 'ai-overlay'
				| 'delete-mark'
				| 'confidence'
				| 'next-viewport';
	  }
	| { kind: 'scroll'; delta: number }
	| { kind: 'tool'; tool: PrimaryTool }
	| { kind: 'cine' }
	| { kind: 'decision'; value: 0 | 1 }
	/** The mark list: select the next/previous mark, move the selected one's rating, or set it. */
	| { kind: 'mark-step'; delta: 1 | -1 }
	| { kind: 'mark-nudge'; delta: 1 | -1 }
	| { kind: 'mark-rate'; value: number };

export interface ShortcutHelp {
	/** The keys or mouse gesture, and what they do, worded in the interface language when shown. */
	keys: () => string;
	does: () => string;
	/** Listed only in the aided arm: an unaided read shows nothing about the AI. */
	aided?: boolean;
	/** Listed only in studies with these rating tasks (default: all). */
	tasks?: readonly ('roc' | 'froc' | 'lroc')[];
}

/** Key names as printed on the keys: the same in every interface language. */
const key = (name: string) => () => name;

export const SHORTCUT_HELP: ShortcutHelp[] = [
	{ keys: key('1 – 9'), does: m.shortcut_preset },
	{ keys: m.shortcut_keys_left_drag, does: m.shortcut_window_level },
	{ keys: m.shortcut_keys_right_drag, does: m.shortcut_zoom },
	{ keys: m.shortcut_keys_middle_drag, does: m.shortcut_pan },
	{ keys: m.shortcut_keys_wheel, does: m.shortcut_slice },
	{ keys: key('I'), does: m.shortcut_invert },
	{ keys: key('F'), does: m.shortcut_fit },
	{ keys: key('V'), does: m.shortcut_next_viewport },
	{ keys: key('R'), does: m.shortcut_reset },
	{ keys: key('M'), does: m.shortcut_mark_mode },
	{ keys: key('L / E / B / G'), does: m.shortcut_measure },
	{ keys: key('Z'), does: m.shortcut_magnify },
	{ keys: key('W'), does: m.shortcut_window_level_tool },
	{ keys: key('K'), does: m.shortcut_cine },
	{ keys: key('Delete'), does: m.shortcut_delete_mark },
	{ keys: key('] / ['), does: m.shortcut_mark_step },
	{ keys: key('↑ ↓, 1 – 5'), does: m.shortcut_mark_rate },
	{ keys: key('P / N'), does: m.shortcut_decision, tasks: ['roc', 'lroc'] },
	{ keys: key('N'), does: m.shortcut_no_lesion, tasks: ['froc'] },
	{ keys: key('C'), does: m.shortcut_confidence, tasks: ['roc', 'lroc'] },
	{ keys: key('A'), does: m.shortcut_ai_overlay, aided: true },
	{ keys: key('Space'), does: m.shortcut_pause },
	{ keys: key('Enter'), does: m.shortcut_submit },
	{ keys: key('?'), does: m.shortcut_help },
	{ keys: key('Esc'), does: m.shortcut_escape }
];

const SIMPLE: Record<string, ShortcutAction> = {
	i: { kind: 'invert' },
	r: { kind: 'reset' },
	f: { kind: 'fit' },
	v: { kind: 'next-viewport' },
	m: { kind: 'mark-mode' },
	l: { kind: 'tool', tool: 'length' },
	e: { kind: 'tool', tool: 'ellipse' },
	b: { kind: 'tool', tool: 'rectangle' },
	g: { kind: 'tool', tool: 'angle' },
	z: { kind: 'tool', tool: 'magnify' },
	w: { kind: 'tool', tool: 'windowlevel' },
	k: { kind: 'cine' },
	a: { kind: 'ai-overlay' },
	p: { kind: 'decision', value: 1 },
	n: { kind: 'decision', value: 0 },
	c: { kind: 'confidence' },
	' ': { kind: 'pause' },
	Enter: { kind: 'submit' },
	'?': { kind: 'help' },
	Escape: { kind: 'escape' },
	Delete: { kind: 'delete-mark' },
	']': { kind: 'mark-step', delta: 1 },
	'[': { kind: 'mark-step', delta: -1 },
	Backspace: { kind: 'delete-mark' },
	ArrowUp: { kind: 'scroll', delta: -1 },
	ArrowLeft: { kind: 'scroll', delta: -1 },
	PageUp: { kind: 'scroll', delta: -1 },
	ArrowDown: { kind: 'scroll', delta: 1 },
	ArrowRight: { kind: 'scroll', delta: 1 },
	PageDown: { kind: 'scroll', delta: 1 }
};

export interface KeyInput {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	/**
	 * What has the focus: text is typed into text fields, a slider takes its own arrow keys, and a
	 * number field (the confidence typed in) its digits and editing keys.
	 */
	target?: 'text' | 'slider' | 'number' | 'other';
}

/** The action for a key press, or null when the key belongs to the browser or the focused field. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
	if (input.ctrlKey || input.metaKey || input.altKey) return null;
	if (input.target === 'text') return input.key === 'Escape' ? { kind: 'escape' } : null;
	if (input.target === 'slider' && /^(Arrow|Page|Home|End)/.test(input.key)) return null;
	if (
		input.target === 'number' &&
		/^([0-9.,+-]|Arrow|Page|Home|End|Backspace|Delete)/.test(input.key)
	)
		return null;
	if (/^[1-9]$/.test(input.key)) return { kind: 'preset', index: Number(input.key) - 1 };
	return (
		SIMPLE[input.key.length === 1 ? input.key.toLowerCase() : input.key] ??
		SIMPLE[input.key] ??
		null
	);
}

export interface KeyPress extends KeyInput {
	/** A key held down: its repeats do not submit again. */
	repeat?: boolean;
}

/**
 * The action a key press runs on the workstation, or null. While the help is open or the reader
 * has paused, only the help, escape and pause keys work. While a mark with a rating of its own is
 * selected, ↑ ↓ move its rating (not the slice) and, on a 5-point scale, digits 1–5 set it.
 */
export function workstationShortcut(
	input: KeyPress,
	state: {
		helpOpen: boolean;
		pausedByReader: boolean;
		ratedMarkSelected?: { fivePoint: boolean } | null;
	}
): ShortcutAction | null {
	const action = markKey(input, state.ratedMarkSelected ?? null) ?? shortcutFor(input);
	if (!action || (action.kind === 'submit' && input.repeat)) return null;
	const always = action.kind === 'help' || action.kind === 'escape' || action.kind === 'pause';
	if (!always && (state.helpOpen || state.pausedByReader)) return null;
	return action;
}

function markKey(input: KeyPress, selected: { fivePoint: boolean } | null): ShortcutAction | null {
	if (!selected || input.ctrlKey || input.metaKey || input.altKey) return null;
	if (input.target && input.target !== 'other') return null;
	if (input.key === 'ArrowUp') return { kind: 'mark-nudge', delta: 1 };
	if (input.key === 'ArrowDown') return { kind: 'mark-nudge', delta: -1 };
	if (selected.fivePoint && /^[1-5]$/.test(input.key))
		return { kind: 'mark-rate', value: Number(input.key) };
	return null;
}
