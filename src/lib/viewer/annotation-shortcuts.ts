// The annotation and adjudication workstations' keys. Keys typed into a field are the field's.
import type { Shape } from './annotation-lesions';

export type AnnotationAction =
	| { kind: 'classify'; value: 0 | 1 }
	| { kind: 'shape'; shape: Shape }
	| { kind: 'tool'; tool: 'windowlevel' | 'length' | 'magnify' }
	| { kind: 'scroll'; delta: number }
	| { kind: 'view'; action: 'invert' | 'fit' | 'reset' }
	| { kind: 'delete' }
	| { kind: 'escape' }
	| { kind: 'submit' }
	| { kind: 'help' };

export interface KeyInput {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	/** Where the key was typed: a text field keeps its keys (Escape aside). */
	inField: boolean;
}

const SHAPES: Record<string, Shape> = { p: 'point', b: 'box', c: 'contour' };
const VIEW: Record<string, 'invert' | 'fit' | 'reset'> = { i: 'invert', f: 'fit', r: 'reset' };

export function annotationShortcut(input: KeyInput): AnnotationAction | null {
	const { key, ctrlKey, metaKey, altKey, inField } = input;
	if (key === 'Escape') return { kind: 'escape' };
	if ((ctrlKey || metaKey) && key === 'Enter') return { kind: 'submit' };
	if (inField || ctrlKey || metaKey || altKey) return null;
	const lower = key.toLowerCase();
	if (lower === 'd') return { kind: 'classify', value: 1 };
	if (lower === 'n') return { kind: 'classify', value: 0 };
	if (Object.hasOwn(SHAPES, lower)) return { kind: 'shape', shape: SHAPES[lower]! };
	if (lower === 'w') return { kind: 'tool', tool: 'windowlevel' };
	if (lower === 'l') return { kind: 'tool', tool: 'length' };
	if (lower === 'z') return { kind: 'tool', tool: 'magnify' };
	if (Object.hasOwn(VIEW, lower)) return { kind: 'view', action: VIEW[lower]! };
	if (key === 'ArrowUp' || key === 'PageUp') return { kind: 'scroll', delta: -1 };
	if (key === 'ArrowDown' || key === 'PageDown') return { kind: 'scroll', delta: 1 };
	if (key === 'Delete' || key === 'Backspace') return { kind: 'delete' };
	if (key === '?') return { kind: 'help' };
	return null;
}

/** Whether a key event comes from a field that takes text (a radio button or a checkbox does not). */
export function typedInField(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	const typing =
		'textarea, select, [contenteditable], input:not([type=radio]):not([type=checkbox]):not([type=button])';
	return (target as Element).closest(typing) !== null;
}
