import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a64';
import { ALGORITHM_ID, createStream, deriveStreamSeed, encodeStreamName } from './streams';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const draws = (
	seed: string,
	purpose: Parameters<typeof createStream>[1],
	key: string[],
	count = 6
) => {
	const stream = createStream(seed, purpose, key);
	return Array.from({ length: count }, () => stream.nextUint32());
};

describe('stream names and seeds', () => {
	it('names the algorithm version that is stored beside the seed', () => {
		expect(ALGORITHM_ID).toBe('pcg32-fnv1a64-splitmix64/v1');
	});

	it('encodes tag, seed, purpose and key as netstrings of UTF-8 bytes', () => {
		const name = encodeStreamName('42', 'case-order', ['reader', 'ré', 'period', '1']);
		expect(text(name)).toBe('16:tandem-stream/v1,2:42,10:case-order,6:reader,3:ré,6:period,1:1,');
		// 20 + 5 + 14 + 9 + 6 ("ré" is 3 UTF-8 bytes) + 9 + 4 bytes
		expect(name.length).toBe(67);
	});

	it('keeps key boundaries apart: ["ab","c"] and ["a","bc"] name different streams', () => {
		const first = encodeStreamName('s', 'case-blocks', ['ab', 'c']);
		const second = encodeStreamName('s', 'case-blocks', ['a', 'bc']);
		expect(text(first)).not.toBe(text(second));
	});

	it('derives PCG32 seeds as the first two SplitMix64 outputs from the FNV-1a 64 hash of the name', () => {
		// Computed apart from this code (a few lines of Python with the published FNV-1a 64 and
		// SplitMix64 constants) for the name "16:tandem-stream/v1,4:2024,19:sequence-allocation,4:site,1:A,".
		expect(fnv1a64(encodeStreamName('2024', 'sequence-allocation', ['site', 'A']))).toBe(
			0xc892e22619ea04e3n
		);
		expect(deriveStreamSeed('2024', 'sequence-allocation', ['site', 'A'])).toEqual({
			initialState: 0xc6b8be9382fcec51n,
			streamSelector: 0x7bbf1c4b4c749a9dn
		});
	});

	it('gives the same draws for the same name, and different draws when any part differs', () => {
		const base = draws('2024', 'case-order', ['reader', 'r1', 'period', '1']);
		expect(draws('2024', 'case-order', ['reader', 'r1', 'period', '1'])).toEqual(base);
		expect(draws('2025', 'case-order', ['reader', 'r1', 'period', '1'])).not.toEqual(base);
		expect(draws('2024', 'case-blocks', ['reader', 'r1', 'period', '1'])).not.toEqual(base);
		expect(draws('2024', 'case-order', ['reader', 'r2', 'period', '1'])).not.toEqual(base);
		expect(draws('2024', 'case-order', ['reader', 'r1', 'period', '2'])).not.toEqual(base);
		expect(draws('042', 'case-order', [])).not.toEqual(draws('42', 'case-order', []));
	});
});
