// The workstation's keyboard: one table, shown as-is in the help overlay, so what is documented
// is what the keys do.

export type ShortcutAction =
	| { kind: 'preset'; index: number }
	| { kind: 'invert' | 'reset' | 'fit' | 'pause' | 'submit' | 'help' | 'escape' | 'mark-mode' | 'ai-overlay' | 'delete-mark' }
	| { kind: 'scroll'; delta: number }
	| { kind: 'decision'; value: 0 | 1 };

export interface ShortcutHelp {
	keys: string;
	does: string;
	/** Listed only in the aided arm: an unaided read shows nothing about the AI. */
	aided?: boolean;
}

export const SHORTCUT_HELP: ShortcutHelp[] = [
	{ keys: '1 – 9', does: 'Window/level preset' },
	{ keys: 'Left drag', does: 'Window/level' },
	{ keys: 'Right drag, Ctrl + wheel', does: 'Zoom' },
	{ keys: 'Middle drag', does: 'Pan' },
	{ keys: 'Wheel, ↑ ↓, Page Up/Down', does: 'Previous / next slice' },
	{ keys: 'I', does: 'Invert' },
	{ keys: 'F', does: 'Fit to window' },
	{ keys: 'R', does: 'Reset window/level, zoom and pan' },
	{ keys: 'M', does: 'Mark mode: click the image to place a lesion mark' },
	{ keys: 'Delete', does: 'Delete the selected mark' },
	{ keys: 'P / N', does: 'Decision: lesion present / absent' },
	{ keys: 'A', does: 'Show or hide the AI overlay', aided: true },
	{ keys: 'Space', does: 'Pause / resume the reading clock' },
	{ keys: 'Enter', does: 'Submit the read' },
	{ keys: '?', does: 'This help' },
	{ keys: 'Esc', does: 'Close help, leave mark mode' }
];

const SIMPLE: Record<string, ShortcutAction> = {
	i: { kind: 'invert' },
	r: { kind: 'reset' },
	f: { kind: 'fit' },
	m: { kind: 'mark-mode' },
	a: { kind: 'ai-overlay' },
	p: { kind: 'decision', value: 1 },
	n: { kind: 'decision', value: 0 },
	' ': { kind: 'pause' },
	Enter: { kind: 'submit' },
	'?': { kind: 'help' },
	Escape: { kind: 'escape' },
	Delete: { kind: 'delete-mark' },
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
	/** What has the focus: text is typed into text fields, and a slider takes its own arrow keys. */
	target?: 'text' | 'slider' | 'other';
}

/** The action for a key press, or null when the key belongs to the browser or the focused field. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
	if (input.ctrlKey || input.metaKey || input.altKey) return null;
	if (input.target === 'text') return input.key === 'Escape' ? { kind: 'escape' } : null;
	if (input.target === 'slider' && /^(Arrow|Page|Home|End)/.test(input.key)) return null;
	if (/^[1-9]$/.test(input.key)) return { kind: 'preset', index: Number(input.key) - 1 };
	return SIMPLE[input.key.length === 1 ? input.key.toLowerCase() : input.key] ?? SIMPLE[input.key] ?? null;
}
