import { describe, expect, it } from 'vitest';
import { shortcutFor, workstationShortcut } from './shortcuts';

describe('keyboard shortcuts', () => {
	it('maps digits to presets, letters to tools, either case', () => {
		expect(shortcutFor({ key: '1' })).toEqual({ kind: 'preset', index: 0 });
		expect(shortcutFor({ key: '9' })).toEqual({ kind: 'preset', index: 8 });
		expect(shortcutFor({ key: 'I' })).toEqual({ kind: 'invert' });
		expect(shortcutFor({ key: 'i' })).toEqual({ kind: 'invert' });
		expect(shortcutFor({ key: 'p' })).toEqual({ kind: 'decision', value: 1 });
		expect(shortcutFor({ key: 'N' })).toEqual({ kind: 'decision', value: 0 });
		expect(shortcutFor({ key: ' ' })).toEqual({ kind: 'pause' });
		expect(shortcutFor({ key: 'Enter' })).toEqual({ kind: 'submit' });
		expect(shortcutFor({ key: '?' })).toEqual({ kind: 'help' });
		expect(shortcutFor({ key: 'ArrowDown' })).toEqual({ kind: 'scroll', delta: 1 });
		expect(shortcutFor({ key: 'PageUp' })).toEqual({ kind: 'scroll', delta: -1 });
	});

	it('chooses the measurement tools, the magnifier and cine with their letters', () => {
		expect(shortcutFor({ key: 'l' })).toEqual({ kind: 'tool', tool: 'length' });
		expect(shortcutFor({ key: 'E' })).toEqual({ kind: 'tool', tool: 'ellipse' });
		expect(shortcutFor({ key: 'b' })).toEqual({ kind: 'tool', tool: 'rectangle' });
		expect(shortcutFor({ key: 'g' })).toEqual({ kind: 'tool', tool: 'angle' });
		expect(shortcutFor({ key: 'z' })).toEqual({ kind: 'tool', tool: 'magnify' });
		expect(shortcutFor({ key: 'w' })).toEqual({ kind: 'tool', tool: 'windowlevel' });
		expect(shortcutFor({ key: 'k' })).toEqual({ kind: 'cine' });
		expect(shortcutFor({ key: 'l', target: 'text' })).toBeNull();
	});

	it('leaves typing in text fields alone except Escape', () => {
		expect(shortcutFor({ key: 'i', target: 'text' })).toBeNull();
		expect(shortcutFor({ key: 'Enter', target: 'text' })).toBeNull();
		expect(shortcutFor({ key: ' ', target: 'text' })).toBeNull();
		expect(shortcutFor({ key: 'Escape', target: 'text' })).toEqual({ kind: 'escape' });
	});

	it('lets a slider keep its arrow keys, and the browser its modified keys', () => {
		expect(shortcutFor({ key: 'ArrowUp', target: 'slider' })).toBeNull();
		expect(shortcutFor({ key: 'Enter', target: 'slider' })).toEqual({ kind: 'submit' });
		expect(shortcutFor({ key: 'r', ctrlKey: true })).toBeNull();
		expect(shortcutFor({ key: '0' })).toBeNull();
		expect(shortcutFor({ key: 'x' })).toBeNull();
	});
});

describe('the confidence from the keyboard', () => {
	it('C goes to the confidence field, a key no other shortcut uses', () => {
		expect(shortcutFor({ key: 'c' })).toEqual({ kind: 'confidence' });
		expect(shortcutFor({ key: 'C' })).toEqual({ kind: 'confidence' });
	});

	it('lets the number field take digits and editing keys; Enter still submits, letters still work', () => {
		for (const key of ['0', '5', '9', 'Backspace', 'Delete', 'ArrowUp', 'ArrowDown', 'Home', '-'])
			expect(shortcutFor({ key, target: 'number' }), key).toBeNull();
		expect(shortcutFor({ key: 'Enter', target: 'number' })).toEqual({ kind: 'submit' });
		expect(shortcutFor({ key: 'Escape', target: 'number' })).toEqual({ kind: 'escape' });
		expect(shortcutFor({ key: 'p', target: 'number' })).toEqual({ kind: 'decision', value: 1 });
		expect(shortcutFor({ key: 'c', target: 'number' })).toEqual({ kind: 'confidence' });
	});
});

describe('workstation key presses', () => {
	const open = { helpOpen: false, pausedByReader: false };

	it('does not submit again on a held Enter', () => {
		expect(workstationShortcut({ key: 'Enter' }, open)).toEqual({ kind: 'submit' });
		expect(workstationShortcut({ key: 'Enter', repeat: true }, open)).toBeNull();
	});

	it('keeps only help, escape and pause while the help is open or the reader paused', () => {
		for (const state of [
			{ helpOpen: true, pausedByReader: false },
			{ helpOpen: false, pausedByReader: true }
		]) {
			expect(workstationShortcut({ key: 'i' }, state)).toBeNull();
			expect(workstationShortcut({ key: '?' }, state)).toEqual({ kind: 'help' });
			expect(workstationShortcut({ key: 'Escape' }, state)).toEqual({ kind: 'escape' });
			expect(workstationShortcut({ key: ' ' }, state)).toEqual({ kind: 'pause' });
		}
	});
});

describe('the mark list from the keyboard', () => {
	const state = { helpOpen: false, pausedByReader: false };

	it('] and [ select the next and previous mark', () => {
		expect(shortcutFor({ key: ']' })).toEqual({ kind: 'mark-step', delta: 1 });
		expect(shortcutFor({ key: '[' })).toEqual({ kind: 'mark-step', delta: -1 });
	});

	it('with a rated mark selected, ↑ ↓ move its rating and 1–5 set it on a 5-point scale', () => {
		const fivePoint = { ...state, ratedMarkSelected: { fivePoint: true } };
		const percent = { ...state, ratedMarkSelected: { fivePoint: false } };
		expect(workstationShortcut({ key: 'ArrowUp' }, fivePoint)).toEqual({
			kind: 'mark-nudge',
			delta: 1
		});
		expect(workstationShortcut({ key: 'ArrowDown' }, percent)).toEqual({
			kind: 'mark-nudge',
			delta: -1
		});
		expect(workstationShortcut({ key: '4' }, fivePoint)).toEqual({ kind: 'mark-rate', value: 4 });
		// Digits past the scale, and digits on a 0–100 scale, stay window presets.
		expect(workstationShortcut({ key: '6' }, fivePoint)).toEqual({ kind: 'preset', index: 5 });
		expect(workstationShortcut({ key: '4' }, percent)).toEqual({ kind: 'preset', index: 3 });
		// ← → still turn the slices; a slider keeps its own arrows.
		expect(workstationShortcut({ key: 'ArrowRight' }, fivePoint)).toEqual({
			kind: 'scroll',
			delta: 1
		});
		expect(workstationShortcut({ key: 'ArrowUp', target: 'slider' }, fivePoint)).toBeNull();
	});

	it('without a selected mark, ↑ ↓ turn the slices and digits choose presets', () => {
		expect(workstationShortcut({ key: 'ArrowUp' }, state)).toEqual({ kind: 'scroll', delta: -1 });
		expect(workstationShortcut({ key: '2' }, { ...state, ratedMarkSelected: null })).toEqual({
			kind: 'preset',
			index: 1
		});
	});
});
