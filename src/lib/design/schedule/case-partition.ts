// Stratified dealing of cases into groups (crossover blocks, split-plot case groups).
// Within each truth × stratum cell the cases are shuffled (Fisher–Yates, a stream per cell) and dealt
// round-robin; the dealer's position carries over from cell to cell in a fixed cell order, so every
// cell is balanced to within one case and the group sizes overall are too.
import { shuffled } from '../prng/shuffle';
import type { StreamFactory } from '../prng/streams';
import { compareCodeUnits } from './ordering';
import type { ScheduleCase } from './schedule.types';

interface Cell {
	truth: 0 | 1;
	stratum: string;
	caseIds: string[];
}

/** Cells ordered by truth, then stratum; ids inside each in code-unit order. A missing stratum is "". */
export function truthStratumCells(cases: readonly ScheduleCase[]): Cell[] {
	const cells = new Map<string, Cell>();
	for (const readingCase of cases) {
		const stratum = readingCase.stratum ?? '';
		const key = JSON.stringify([readingCase.truth, stratum]);
		const cell = cells.get(key) ?? { truth: readingCase.truth, stratum, caseIds: [] };
		cell.caseIds.push(readingCase.id);
		cells.set(key, cell);
	}
	const ordered = [...cells.values()].sort(
		(left, right) => left.truth - right.truth || compareCodeUnits(left.stratum, right.stratum)
	);
	for (const cell of ordered) cell.caseIds.sort(compareCodeUnits);
	return ordered;
}

/**
 * Deals `cases` into `groupCount` groups, stratified by truth × stratum. The shuffle of each cell
 * draws from the `case-blocks` stream keyed [...streamKey, 'truth', t, 'stratum', s].
 * Returns the groups' case ids, each in code-unit order.
 */
export function dealCasesStratified(
	cases: readonly ScheduleCase[],
	groupCount: number,
	streams: StreamFactory,
	streamKey: readonly string[]
): string[][] {
	const groups: string[][] = Array.from({ length: groupCount }, () => []);
	let dealer = 0;
	for (const cell of truthStratumCells(cases)) {
		const random = streams('case-blocks', [
			...streamKey,
			'truth',
			String(cell.truth),
			'stratum',
			cell.stratum
		]);
		for (const caseId of shuffled(cell.caseIds, random)) {
			groups[dealer % groupCount]?.push(caseId);
			dealer += 1;
		}
	}
	for (const group of groups) group.sort(compareCodeUnits);
	return groups;
}
