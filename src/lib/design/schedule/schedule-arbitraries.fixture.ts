// Test support: fast-check arbitraries for valid random protocols (cases with random truths and
// strata, readers across random sites, random seeds, block sizes and session caps).
import fc from 'fast-check';
import {
	DESIGNS,
	type Design,
	type ScheduleCase,
	type ScheduleInput,
	type ScheduleReader
} from './schedule.types';

// Ids may hold commas, quotes and spaces, to exercise CSV quoting and the netstring stream names.
const idArbitrary = fc.string({ minLength: 1, maxLength: 4 });
const stratumArbitrary = fc.option(fc.constantFrom('GE', 'Siemens', 'Philips', 'Canon'), {
	nil: undefined
});
export const siteArbitrary = fc.constantFrom('site-1', 'site-2', 'site-3', 'site 4');
const seedArbitrary = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.nat().map(String));

/** Cases needed per truth class so the design's blocks each hold both classes. */
function minimumPerTruth(design: Design): number {
	if (design === 'split-plot') return 4;
	return design === 'crossover' ? 2 : 0;
}

function casesArbitrary(negatives: number, positives: number): fc.Arbitrary<ScheduleCase[]> {
	const count = negatives + positives;
	return fc
		.tuple(
			fc.uniqueArray(idArbitrary, { minLength: count, maxLength: count }),
			fc.array(stratumArbitrary, { minLength: count, maxLength: count })
		)
		.map(([ids, strata]) =>
			ids.map((id, index) => {
				const stratum = strata[index];
				const truth = index < negatives ? (0 as const) : (1 as const);
				return stratum === undefined ? { id, truth } : { id, truth, stratum };
			})
		);
}

export function readersArbitrary(count: number): fc.Arbitrary<ScheduleReader[]> {
	return fc.uniqueArray(fc.record({ id: idArbitrary, site: siteArbitrary }), {
		minLength: count,
		maxLength: count,
		selector: (reader) => reader.id
	});
}

export function protocolOfDesign(design: Design): fc.Arbitrary<ScheduleInput> {
	const minimum = minimumPerTruth(design);
	const sizes = fc.record({
		negatives: fc.integer({ min: minimum, max: 12 }),
		positives: fc.integer({ min: Math.max(1, minimum), max: 12 }),
		readerCount: fc.integer({ min: design === 'split-plot' ? 2 : 1, max: 9 })
	});
	return sizes.chain(({ negatives, positives, readerCount }) =>
		fc.record({
			design: fc.constant(design),
			seed: seedArbitrary,
			arms: fc.constant(['unaided', 'aided'] as const),
			cases: casesArbitrary(negatives, positives),
			readers: readersArbitrary(readerCount),
			sequenceBlockSize: fc.constantFrom(2, 4, 6),
			sessionMaxCases: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
			splitPlotGroups:
				design === 'split-plot'
					? fc.integer({
							min: 2,
							max: Math.min(4, readerCount, Math.floor(Math.min(negatives, positives) / 2))
						})
					: fc.constant(undefined)
		})
	);
}

export const protocolArbitrary: fc.Arbitrary<ScheduleInput> = fc
	.constantFrom(...DESIGNS)
	.chain(protocolOfDesign);

/** A protocol plus one more reader enrolled after the others, at an existing or a new site. */
export const protocolWithAppendedReaderArbitrary = protocolArbitrary.chain((protocol) =>
	fc
		.record({
			id: idArbitrary,
			site: fc.oneof(fc.constantFrom(...protocol.readers.map(({ site }) => site)), siteArbitrary)
		})
		.map((reader) => {
			let id = reader.id;
			while (protocol.readers.some((existing) => existing.id === id)) id += '+';
			return { protocol, appended: { id, site: reader.site } };
		})
);
