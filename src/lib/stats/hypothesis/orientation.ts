// Which modality is the test and which the reference, and every difference read as
// test − reference. The reference is named (`--reference`/`--test`, or a trial's arms); with
// exactly two modalities and neither named, the first in natural order is the reference and the
// second the test (Tandem's protocol convention: the arm without the AI comes first). With more
// modalities the pair must be named, otherwise each contrast stays a − b in natural order and no
// margin test is run. `aided`/`unaided` are older names of `test`/`reference`.
import { DesignError } from '../design-error';
import type {
	Contrast,
	FixedReadersRandomCases,
	RandomReadersFixedCases,
	RandomReadersRandomCases
} from '../mrmc/types';

export interface Orientation {
	test: string;
	reference: string;
}

export interface OrientationOptions {
	test?: string;
	reference?: string;
	/** Another name of `test`. */
	aided?: string;
	/** Another name of `reference`. */
	unaided?: string;
}

function named(options: OrientationOptions): { test?: string; reference?: string } {
	for (const [alias, name] of [
		['aided', 'test'],
		['unaided', 'reference']
	] as const) {
		if (options[alias] !== undefined && options[name] !== undefined)
			throw new DesignError(`--${alias} is another name for --${name}: give one of them`);
	}
	return { test: options.test ?? options.aided, reference: options.reference ?? options.unaided };
}

/** The pair, or the reason there is none (more than two modalities, none named). */
export function resolveOrientation(
	modalities: readonly string[],
	options: OrientationOptions
): Orientation | string {
	const { test, reference } = named(options);
	for (const [role, value] of [
		['test', test],
		['reference', reference]
	] as const) {
		if (value !== undefined && !modalities.includes(value)) {
			throw new DesignError(
				`the ${role} modality '${value}' is not in the data (modalities: ${modalities.join(', ')})`
			);
		}
	}
	if (test !== undefined && reference !== undefined) {
		if (test === reference) throw new DesignError('the test and reference modalities must differ');
		return { test, reference };
	}
	if (modalities.length !== 2) {
		return `${modalities.length} modalities; name the pair with --reference and --test`;
	}
	const [first, second] = modalities as [string, string];
	if (test !== undefined) return { test, reference: test === first ? second : first };
	if (reference !== undefined) return { reference, test: reference === first ? second : first };
	return { reference: first, test: second };
}

/** "test (X) − reference (Y)", or how the differences read when no pair is named. */
export function orientationText(orientation: Orientation | undefined): string {
	return orientation
		? `test (${orientation.test}) − reference (${orientation.reference})`
		: 'first − second of each pair in natural order (no reference named)';
}

/** The contrast between the pair as test − reference (limits swapped); every other row as it is. */
export function orientContrast<T extends Contrast>(row: T, orientation: Orientation): T {
	if (row.modalityA !== orientation.reference || row.modalityB !== orientation.test) return row;
	// 0 − x rather than −x: a zero difference stays 0, never −0.
	return {
		...row,
		modalityA: row.modalityB,
		modalityB: row.modalityA,
		estimate: 0 - row.estimate,
		ciLower: 0 - row.ciUpper,
		ciUpper: 0 - row.ciLower
	};
}

interface Analysis {
	rrrc: RandomReadersRandomCases;
	frrc: FixedReadersRandomCases;
	rrfc: RandomReadersFixedCases;
}

/** The analysis with every contrast of the pair oriented test − reference. */
export function orientAnalysis<T extends Analysis>(analysis: T, orientation: Orientation): T {
	const orient = <C extends Contrast>(rows: C[]) =>
		rows.map((row) => orientContrast(row, orientation));
	return {
		...analysis,
		rrrc: { ...analysis.rrrc, diffs: orient(analysis.rrrc.diffs) },
		frrc: {
			...analysis.frrc,
			diffs: orient(analysis.frrc.diffs),
			readerDiffs: orient(analysis.frrc.readerDiffs)
		},
		rrfc: { ...analysis.rrfc, diffs: orient(analysis.rrfc.diffs) }
	};
}
