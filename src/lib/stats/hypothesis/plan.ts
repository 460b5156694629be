// Which modality is aided and which unaided, and the margin tests that follow from the
// RRRC analysis. With exactly two modalities and no declaration the first in natural order
// is taken as unaided and the second as aided (Tandem's protocol convention); with more,
// the pair must be declared, otherwise no test is run and a note says so.
import type { Contrast, RandomReadersRandomCases } from '../mrmc/types';
import { DesignError } from '../design-error';
import {
	nonInferiorityTest,
	superiorityTest,
	type DifferenceEstimate,
	type MarginTestResult
} from './margin-tests';
import { readingTimeSuperiority, type ReadingTimeTestResult } from './reading-time-test';

export interface HypothesisTests {
	aided?: string;
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
	aided?: string;
	unaided?: string;
}

/** aided − unaided from the list of pairwise contrasts (listed as a − b in natural order). */
export function differenceBetween(
	diffs: Contrast[],
	aided: string,
	unaided: string
): DifferenceEstimate {
	for (const row of diffs) {
		const sign =
			row.modalityA === aided && row.modalityB === unaided
				? 1
				: row.modalityA === unaided && row.modalityB === aided
					? -1
					: 0;
		if (sign !== 0) return { estimate: sign * row.estimate, se: row.se, df: row.df ?? Infinity };
	}
	throw new DesignError(`no contrast between modalities '${aided}' and '${unaided}'`);
}

function resolvePair(
	modalities: string[],
	options: HypothesisOptions
): { aided: string; unaided: string } | string {
	for (const [flag, value] of [
		['aided', options.aided],
		['unaided', options.unaided]
	] as const) {
		if (value !== undefined && !modalities.includes(value)) {
			throw new DesignError(
				`the ${flag} modality '${value}' is not in the data (modalities: ${modalities.join(', ')})`
			);
		}
	}
	if (options.aided !== undefined && options.unaided !== undefined) {
		if (options.aided === options.unaided)
			throw new DesignError('the aided and unaided modalities must differ');
		return { aided: options.aided, unaided: options.unaided };
	}
	if (modalities.length !== 2) {
		return `margin tests skipped: ${modalities.length} modalities; declare the pair with --aided and --unaided`;
	}
	const [first, second] = modalities as [string, string];
	if (options.aided !== undefined)
		return { aided: options.aided, unaided: options.aided === first ? second : first };
	if (options.unaided !== undefined)
		return { unaided: options.unaided, aided: options.unaided === first ? second : first };
	return { unaided: first, aided: second };
}

/** The non-inferiority and superiority tests (and reading time, when recorded). */
export function planHypothesisTests(
	modalities: string[],
	rrrc: RandomReadersRandomCases,
	readingTimeRrrc: RandomReadersRandomCases | undefined,
	options: HypothesisOptions
): HypothesisTests {
	const margin = options.margin ?? 0.05;
	const alpha = options.testAlpha ?? 0.025;
	const pair = resolvePair(modalities, options);
	if (typeof pair === 'string') return { margin, alpha, tests: [], note: pair };
	const difference = differenceBetween(rrrc.diffs, pair.aided, pair.unaided);
	return {
		...pair,
		margin,
		alpha,
		tests: [nonInferiorityTest(difference, margin, alpha), superiorityTest(difference, alpha)],
		readingTime: readingTimeRrrc
			? readingTimeSuperiority(
					differenceBetween(readingTimeRrrc.diffs, pair.aided, pair.unaided),
					alpha
				)
			: undefined
	};
}
