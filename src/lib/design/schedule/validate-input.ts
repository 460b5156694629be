// Checks a schedule input and fills in defaults. Every refusal names the offending place
// (e.g. "cases[3].id"), so a protocol author can find and fix it.
import { compareCodeUnits } from './ordering';
import {
	DESIGNS,
	type Design,
	type NormalizedScheduleInput,
	type ScheduleCase,
	type ScheduleInput,
	type ScheduleReader
} from './schedule.types';

const DEFAULT_SEQUENCE_BLOCK_SIZE = 2;

export class ScheduleInputError extends Error {
	constructor(
		readonly path: string,
		readonly problem: string
	) {
		super(`${path}: ${problem}`);
		this.name = 'ScheduleInputError';
	}
}

export function normalizeScheduleInput(input: ScheduleInput): NormalizedScheduleInput {
	const design = checkDesign(input.design);
	const seed = checkNonEmptyText(input.seed, 'seed');
	const arms = checkArms(input.arms);
	const cases = checkCases(input.cases);
	const readers = checkReaders(input.readers);
	const sequenceBlockSize = checkSequenceBlockSize(input.sequenceBlockSize);
	const sessionMaxCases = checkOptionalPositiveInteger(input.sessionMaxCases, 'sessionMaxCases');
	const splitPlotGroups = checkSplitPlotGroups(design, input.splitPlotGroups, readers.length);
	checkTruthClasses(design, cases, splitPlotGroups);
	return {
		design,
		seed,
		arms,
		cases,
		readers,
		sequenceBlockSize,
		sessionMaxCases,
		splitPlotGroups
	};
}

function checkDesign(design: unknown): Design {
	if (!DESIGNS.includes(design as Design)) {
		throw new ScheduleInputError(
			'design',
			`must be one of ${DESIGNS.join(', ')}; got ${JSON.stringify(design)}`
		);
	}
	return design as Design;
}

function checkNonEmptyText(value: unknown, path: string): string {
	if (typeof value !== 'string' || value.length === 0) {
		throw new ScheduleInputError(path, `must be a non-empty string; got ${JSON.stringify(value)}`);
	}
	return value;
}

function checkArms(arms: unknown): readonly [string, string] {
	if (!Array.isArray(arms) || arms.length !== 2) {
		throw new ScheduleInputError('arms', 'must list exactly two arms, the control first');
	}
	const control = checkNonEmptyText(arms[0], 'arms[0]');
	const intervention = checkNonEmptyText(arms[1], 'arms[1]');
	if (control === intervention)
		throw new ScheduleInputError('arms[1]', `repeats arms[0] "${control}"`);
	return [control, intervention];
}

function checkCases(cases: readonly ScheduleCase[]): ScheduleCase[] {
	if (!Array.isArray(cases) || cases.length === 0) {
		throw new ScheduleInputError('cases', 'must list at least one case');
	}
	const firstIndexOfId = new Map<string, number>();
	cases.forEach((readingCase, index) => {
		const id = checkNonEmptyText(readingCase?.id, `cases[${index}].id`);
		const earlier = firstIndexOfId.get(id);
		if (earlier !== undefined) {
			throw new ScheduleInputError(
				`cases[${index}].id`,
				`duplicate case id "${id}" (also cases[${earlier}])`
			);
		}
		firstIndexOfId.set(id, index);
		if (readingCase.truth !== 0 && readingCase.truth !== 1) {
			throw new ScheduleInputError(
				`cases[${index}].truth`,
				`must be 0 or 1; got ${JSON.stringify(readingCase.truth)}`
			);
		}
		if (readingCase.stratum !== undefined && typeof readingCase.stratum !== 'string') {
			throw new ScheduleInputError(`cases[${index}].stratum`, 'must be a string when given');
		}
	});
	return [...cases].sort((left, right) => compareCodeUnits(left.id, right.id));
}

function checkReaders(readers: readonly ScheduleReader[]): ScheduleReader[] {
	if (!Array.isArray(readers) || readers.length === 0) {
		throw new ScheduleInputError('readers', 'must list at least one reader');
	}
	const firstIndexOfId = new Map<string, number>();
	readers.forEach((reader, index) => {
		const id = checkNonEmptyText(reader?.id, `readers[${index}].id`);
		const earlier = firstIndexOfId.get(id);
		if (earlier !== undefined) {
			throw new ScheduleInputError(
				`readers[${index}].id`,
				`duplicate reader id "${id}" (also readers[${earlier}])`
			);
		}
		firstIndexOfId.set(id, index);
		checkNonEmptyText(reader.site, `readers[${index}].site`);
	});
	return [...readers];
}

/** undefined or null (e.g. an empty YAML key) both mean "not given". */
function checkOptionalPositiveInteger(value: unknown, path: string): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
		throw new ScheduleInputError(
			path,
			`must be a positive integer when given; got ${JSON.stringify(value)}`
		);
	}
	return value;
}

function checkSequenceBlockSize(value: unknown): number {
	const blockSize =
		checkOptionalPositiveInteger(value, 'sequenceBlockSize') ?? DEFAULT_SEQUENCE_BLOCK_SIZE;
	if (blockSize % 2 !== 0) {
		throw new ScheduleInputError(
			'sequenceBlockSize',
			`must be even so each block holds as many AB as BA; got ${blockSize}`
		);
	}
	return blockSize;
}

function checkSplitPlotGroups(design: Design, value: unknown, readerCount: number): number | null {
	const groups = checkOptionalPositiveInteger(value, 'splitPlotGroups');
	if (design !== 'split-plot') {
		if (groups !== null)
			throw new ScheduleInputError(
				'splitPlotGroups',
				`applies only to the split-plot design, not ${design}`
			);
		return null;
	}
	if (groups === null)
		throw new ScheduleInputError('splitPlotGroups', 'is required by the split-plot design');
	if (groups < 2)
		throw new ScheduleInputError('splitPlotGroups', `must be at least 2; got ${groups}`);
	if (groups > readerCount) {
		throw new ScheduleInputError(
			'splitPlotGroups',
			`${groups} groups need at least ${groups} readers; there are ${readerCount}`
		);
	}
	return groups;
}

// Each crossover block (each split-plot group's two blocks) must hold both truth classes, so that
// every period has positives and negatives in each arm.
function checkTruthClasses(
	design: Design,
	cases: readonly ScheduleCase[],
	splitPlotGroups: number | null
): void {
	if (design !== 'crossover' && design !== 'split-plot') return;
	const blockCount = design === 'crossover' ? 2 : 2 * (splitPlotGroups ?? 1);
	for (const truth of [0, 1] as const) {
		const count = cases.filter((readingCase) => readingCase.truth === truth).length;
		if (count < blockCount) {
			const reason =
				design === 'crossover'
					? 'the crossover needs at least 2 (one per block)'
					: `${splitPlotGroups} groups × 2 blocks need at least ${blockCount} (one per block)`;
			throw new ScheduleInputError('cases', `${count} case(s) with truth ${truth}; ${reason}`);
		}
	}
}
