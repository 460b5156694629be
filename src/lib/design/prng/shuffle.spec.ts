import { describe, expect, it } from 'vitest';
import { Pcg32 } from './pcg32';
import { keepOrderSource, scriptedSource } from './scripted-source.fixture';
import { shuffled } from './shuffle';

// Round 1 of the pcg-c-basic demo (seed 42, stream 54) deals a 52-card deck with the same
// Durstenfeld loop after 6 raw outputs, 65 coins and 33 dice: https://www.pcg-random.org/using-pcg-c-basic.html
const DEMO_CARDS =
	'Qd Ks 6d 3s 3d 4c 3h Td Kc 5c Jh Kd Jd As 4s 4h Ad Th Ac Jc 7s Qs ' +
	'2s 7h Kh 2d 6c Ah 4d Qh 9h 6s 5s 2c 9c Ts 8d 9s 3c 8c Js 5d 2h 6h ' +
	'7d 8s 9d 5h 8h Qc 7c Tc';

describe('shuffled (Fisher–Yates)', () => {
	it('swaps item i with the drawn j, for i from the end down to 1 (worked by hand)', () => {
		// [a b c d]: i=3, j=0 → [d b c a]; i=2, j=2 → unchanged; i=1, j=0 → [b d c a].
		const source = scriptedSource([0, 2, 0]);
		expect(shuffled(['a', 'b', 'c', 'd'], source)).toEqual(['b', 'd', 'c', 'a']);
		expect(source.remaining()).toBe(0);
	});

	it('asks for bounds n, n−1, …, 2 in that order', () => {
		const bounds: number[] = [];
		shuffled([1, 2, 3, 4, 5], {
			nextUint32: () => 0,
			integerBelow: (bound) => (bounds.push(bound), 0)
		});
		expect(bounds).toEqual([5, 4, 3, 2]);
	});

	it('leaves the input untouched and returns the same items', () => {
		const items = ['x', 'y', 'z'];
		const result = shuffled(items, new Pcg32(9n, 9n));
		expect(items).toEqual(['x', 'y', 'z']);
		expect([...result].sort()).toEqual(items);
		expect(shuffled(items, keepOrderSource)).toEqual(items);
		expect(shuffled([], keepOrderSource)).toEqual([]);
	});

	it('deals the pcg-c-basic demo deck exactly', () => {
		const rng = new Pcg32(42n, 54n);
		for (let draw = 0; draw < 6; draw += 1) rng.nextUint32();
		for (let coin = 0; coin < 65; coin += 1) rng.integerBelow(2);
		for (let roll = 0; roll < 33; roll += 1) rng.integerBelow(6);
		const deck = shuffled(
			Array.from({ length: 52 }, (_, card) => card),
			rng
		);
		const names = deck.map((card) => `${'A23456789TJQK'[Math.floor(card / 4)]}${'hcds'[card % 4]}`);
		expect(names.join(' ')).toBe(DEMO_CARDS);
	});
});
