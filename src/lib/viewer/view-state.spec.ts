import { describe, expect, it } from 'vitest';
import { loadViewState, saveViewState, type ViewState } from './view-state';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

const state: ViewState = {
	assignment: 'a-123',
	image: 4,
	window: { center: 60, width: 350 },
	inverted: true,
	zoom: 1.8,
	pan: [12.5, -3]
};

describe('view state across a reload', () => {
	it('gives back the kept view of the same case', () => {
		const storage = memoryStorage();
		saveViewState(storage, state);
		expect(loadViewState(storage, 'a-123')).toEqual(state);
	});

	it('never applies another case’s view, and keeps only the last case', () => {
		const storage = memoryStorage();
		saveViewState(storage, state);
		expect(loadViewState(storage, 'b-456')).toBeNull();
		saveViewState(storage, { ...state, assignment: 'b-456' });
		expect(loadViewState(storage, 'a-123')).toBeNull();
		expect(storage.items.size).toBe(1);
	});

	it('ignores what is missing, unreadable or out of range', () => {
		const storage = memoryStorage();
		expect(loadViewState(storage, 'a-123')).toBeNull();
		for (const raw of [
			'{',
			'null',
			JSON.stringify({ ...state, image: -1 }),
			JSON.stringify({ ...state, zoom: 0 }),
			JSON.stringify({ ...state, window: { center: 40, width: 0 } }),
			JSON.stringify({ ...state, extra: 1 })
		]) {
			storage.items.set('tandem:view-state', raw);
			expect(loadViewState(storage, 'a-123'), raw).toBeNull();
		}
	});

	it('survives a storage that refuses', () => {
		const refusing = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('quota');
			}
		};
		expect(() => saveViewState(refusing, state)).not.toThrow();
		expect(loadViewState(refusing, 'a-123')).toBeNull();
	});
});
