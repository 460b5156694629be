// Test support: random sources whose draws are written out, so tests can work results out by hand.
import type { RandomSource } from './random-source';

/** integerBelow(bound) returns bound − 1: a Fisher–Yates shuffle then leaves every list as it was. */
export const keepOrderSource: RandomSource = {
	nextUint32: () => 0xffffffff,
	integerBelow: (bound) => bound - 1
};

/** integerBelow returns the scripted values in turn, checking each against its bound. */
export function scriptedSource(choices: readonly number[]): RandomSource & { remaining(): number } {
	const queue = [...choices];
	return {
		nextUint32: () => {
			throw new Error('scriptedSource only scripts integerBelow');
		},
		integerBelow: (bound) => {
			const choice = queue.shift();
			if (choice === undefined) throw new Error('scriptedSource ran out of choices');
			if (choice < 0 || choice >= bound)
				throw new Error(`scripted choice ${choice} is outside 0..${bound - 1}`);
			return choice;
		},
		remaining: () => queue.length
	};
}
