import { describe, expect, it } from 'vitest';
import { keepOrderSource, scriptedSource } from '../prng/scripted-source.fixture';
import { createStream } from '../prng/streams';
import { allocateArmSequences, allocateWithinStrata, permutedBlockLabels } from './allocation';

describe('permutedBlockLabels', () => {
	it('deals shuffled blocks one after another (worked by hand)', () => {
		// Block [AB AB BA BA] (blockSize 4): draws 0,1,0 → i=3 swap 0: [BA AB BA AB]; i=2 j=1: [BA BA AB AB];
		// i=1 j=0: [BA BA AB AB]. Choices 3,2,1 leave the second block [AB AB BA BA]. Five readers take 5.
		const source = scriptedSource([0, 1, 0, 3, 2, 1]);
		expect(permutedBlockLabels(5, ['AB', 'BA'], 2, source)).toEqual(['BA', 'BA', 'AB', 'AB', 'AB']);
		expect(source.remaining()).toBe(0);
	});

	it('gives the first readers the same labels however many readers follow', () => {
		const labelsFor = (count: number) =>
			permutedBlockLabels(count, ['AB', 'BA'], 3, createStream('9', 'sequence-allocation'));
		const long = labelsFor(17);
		for (let count = 0; count <= 17; count += 1)
			expect(labelsFor(count)).toEqual(long.slice(0, count));
	});

	it('keeps every complete block exactly balanced', () => {
		const labels = permutedBlockLabels(
			24,
			['AB', 'BA'],
			2,
			createStream('x', 'sequence-allocation')
		);
		for (let start = 0; start < 24; start += 4) {
			expect(labels.slice(start, start + 4).filter((label) => label === 'AB')).toHaveLength(2);
		}
	});
});

describe('allocateWithinStrata', () => {
	it('allocates each site separately, in the order its readers were enrolled', () => {
		const readers = [
			{ id: 'a1', site: 'A' },
			{ id: 'b1', site: 'B' },
			{ id: 'a2', site: 'A' },
			{ id: 'b2', site: 'B' },
			{ id: 'a3', site: 'A' }
		];
		const streamsAsked: string[] = [];
		const allocation = allocateArmSequences(
			readers,
			(reader) => ['site', reader.site],
			2,
			(purpose, key) => (streamsAsked.push(`${purpose} ${key.join('|')}`), keepOrderSource)
		);
		// Unshuffled blocks [AB BA] per site: A → a1 AB, a2 BA, a3 AB; B → b1 AB, b2 BA.
		expect(Object.fromEntries(allocation)).toEqual({
			a1: 'AB',
			a2: 'BA',
			a3: 'AB',
			b1: 'AB',
			b2: 'BA'
		});
		expect(streamsAsked).toEqual(['sequence-allocation site|A', 'sequence-allocation site|B']);
	});

	it('gives no reader a label that depends on another site', () => {
		const options = {
			labels: ['G1', 'G2', 'G3'],
			replicatesPerLabel: 1,
			stratumOf: (reader: { site: string }) => ['site', reader.site],
			streamFor: (stratum: readonly string[]) => createStream('s', 'group-allocation', stratum)
		};
		const siteA = [1, 2, 3, 4].map((n) => ({ id: `a${n}`, site: 'A' }));
		const alone = allocateWithinStrata(siteA, options);
		const mixed = allocateWithinStrata(
			[{ id: 'b1', site: 'B' }, ...siteA, { id: 'b2', site: 'B' }],
			options
		);
		// Every reader has a label (so the comparison below is not undefined against undefined): the first
		// three fill one permuted block, each label once.
		expect(
			siteA
				.slice(0, 3)
				.map(({ id }) => alone.get(id))
				.sort()
		).toEqual(['G1', 'G2', 'G3']);
		expect(alone.get('a4')).toMatch(/^G[123]$/);
		for (const { id } of siteA) expect(mixed.get(id)).toBe(alone.get(id));
	});
});
