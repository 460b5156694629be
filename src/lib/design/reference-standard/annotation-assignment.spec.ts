import { describe, expect, it } from 'vitest';
import { assignAnnotators } from './annotation-assignment';

const CASES = Array.from({ length: 10 }, (_, index) => `C${index + 1}`);

describe('assignAnnotators', () => {
	it('gives every case to all annotators when there are exactly as many as needed', () => {
		const result = assignAnnotators(CASES, ['b', 'a'], 2, 's');
		expect(result).toHaveLength(10);
		for (const entry of result) expect(entry.annotators).toEqual(['a', 'b']);
	});

	it('balances: 10 cases × 2 over 4 annotators gives each exactly 5', () => {
		const result = assignAnnotators(CASES, ['a', 'b', 'c', 'd'], 2, 's');
		const load = new Map<string, number>();
		for (const entry of result) {
			expect(new Set(entry.annotators).size).toBe(2);
			for (const person of entry.annotators) load.set(person, (load.get(person) ?? 0) + 1);
		}
		expect([...load.values()]).toEqual([5, 5, 5, 5]);
	});

	it('is reproducible from the seed and independent of the input order', () => {
		const a = assignAnnotators(CASES, ['a', 'b', 'c'], 2, 'seed-1');
		const b = assignAnnotators([...CASES].reverse(), ['c', 'a', 'b'], 2, 'seed-1');
		expect(b).toEqual(a);
		const c = assignAnnotators(CASES, ['a', 'b', 'c'], 2, 'seed-2');
		expect(c).not.toEqual(a);
	});

	it('counts the load already carried', () => {
		const result = assignAnnotators(['X'], ['a', 'b', 'c'], 2, 's', new Map([['a', 3]]));
		expect(result[0]!.annotators).toEqual(['b', 'c']);
	});

	it('refuses fewer annotators than each case needs', () => {
		expect(() => assignAnnotators(CASES, ['a'], 2, 's')).toThrow(/needs 2 annotators, only 1/);
	});
});
