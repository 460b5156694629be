// The margin tests that follow from the RRRC analysis, on the difference test − reference
// (see orientation.ts for how the pair is chosen); without a pair no test is run and a note
// says why.
import type { Contrast, RandomReadersRandomCases } from '../mrmc/types';
import { DesignError } from '../design-error';
import {
	nonInferiorityTest,
	superiorityTest,
	type DifferenceEstimate,
	type MarginTestResult
} from './margin-tests';
import type { Orientation } from './orientation';
import { readingTimeSuperiority, type ReadingTimeTestResult } from './reading-time-test';

export interface HypothesisTests {
	/** The test modality (older name kept: `aided`). */
	aided?: string;
	/** The reference modality (older name kept: `unaided`). */
	unaided?: string;
	margin: number;
	alpha: number;
	tests: MarginTestResult[];
	readingTime?: ReadingTimeTestResult;
	note?: string;
}

export interface HypothesisOptions {
	margin?: number;
	testAlpha?: number;
}

/** test − reference from the list of pairwise contrasts, whichever way a row is listed. */
export function differenceBetween(
	diffs: Contrast[],
	test: string,
	reference: string
): DifferenceEstimate {
	for (const row of diffs) {
		const sign =
			row.modalityA === test && row.modalityB === reference
				? 1
				: row.modalityA === reference && row.modalityB === test
					? -1
					: 0;
		if (sign !== 0) return { estimate: sign * row.estimate, se: row.se, df: row.df ?? Infinity };
	}
	throw new DesignError(`no contrast between modalities '${test}' and '${reference}'`);
}

/** The non-inferiority and superiority tests (and reading time, when recorded). */
export function planHypothesisTests(
	orientation: Orientation | string,
	rrrc: RandomReadersRandomCases,
	readingTimeRrrc: RandomReadersRandomCases | undefined,
	options: HypothesisOptions
): HypothesisTests {
	const margin = options.margin ?? 0.05;
	const alpha = options.testAlpha ?? 0.025;
	if (typeof orientation === 'string')
		return { margin, alpha, tests: [], note: `margin tests skipped: ${orientation}` };
	const { test, reference } = orientation;
	const difference = differenceBetween(rrrc.diffs, test, reference);
	return {
		aided: test,
		unaided: reference,
		margin,
		alpha,
		tests: [nonInferiorityTest(difference, margin, alpha), superiorityTest(difference, alpha)],
		readingTime: readingTimeRrrc
			? readingTimeSuperiority(differenceBetween(readingTimeRrrc.diffs, test, reference), alpha)
			: undefined
	};
}
