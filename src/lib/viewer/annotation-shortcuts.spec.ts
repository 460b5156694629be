import { describe, expect, it } from 'vitest';
import { annotationShortcut } from './annotation-shortcuts';

const key = (k: string, extra: Partial<Parameters<typeof annotationShortcut>[0]> = {}) =>
	annotationShortcut({
		key: k,
		ctrlKey: false,
		metaKey: false,
		altKey: false,
		inField: false,
		...extra
	});

describe('annotationShortcut', () => {
	it('classifies with D and N, draws with P, B and C, measures with L', () => {
		expect(key('d')).toEqual({ kind: 'classify', value: 1 });
		expect(key('N')).toEqual({ kind: 'classify', value: 0 });
		expect(key('b')).toEqual({ kind: 'shape', shape: 'box' });
		expect(key('c')).toEqual({ kind: 'shape', shape: 'contour' });
		expect(key('p')).toEqual({ kind: 'shape', shape: 'point' });
		expect(key('l')).toEqual({ kind: 'tool', tool: 'length' });
		expect(key('z')).toEqual({ kind: 'tool', tool: 'magnify' });
		expect(key('ArrowDown')).toEqual({ kind: 'scroll', delta: 1 });
		expect(key('Delete')).toEqual({ kind: 'delete' });
	});

	it('leaves the keys typed into a field to the field, except Escape and Ctrl+Enter', () => {
		expect(key('d', { inField: true })).toBeNull();
		expect(key('Backspace', { inField: true })).toBeNull();
		expect(key('Escape', { inField: true })).toEqual({ kind: 'escape' });
		expect(key('Enter', { inField: true, ctrlKey: true })).toEqual({ kind: 'submit' });
		expect(key('d', { ctrlKey: true })).toBeNull();
		expect(key('x')).toBeNull();
	});
});
