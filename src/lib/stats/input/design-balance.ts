// Every reader must read every case in every modality (a fully crossed, balanced design).
// Checked from the rows alone, before any reader × modality × case grid is allocated: a
// sparse file (each row a new reader and case) would otherwise ask for billions of cells.
// When the cells are no more than the rows, one byte per cell answers it in one pass.

/** One read per row, as indices into the (natural-order) readers, modalities and cases. */
export interface IndexedReads {
	line: Int32Array;
	modality: Int32Array;
	reader: Int32Array;
	case: Int32Array;
}

export interface DesignNames {
	modalities: string[];
	readers: string[];
	cases: string[];
}

/** Thrown with a message naming the line (duplicates) or the missing read (imbalance). */
export type BalanceFailure = (message: string, line?: number) => never;

/** Refuse duplicate reads and a design that is not fully crossed; allocates O(rows) only. */
export function assertFullyCrossed(
	reads: IndexedReads,
	names: DesignNames,
	fail: BalanceFailure
): void {
	const [t, r, n] = [names.modalities.length, names.readers.length, names.cases.length];
	if (t * r * n <= reads.line.length && noCellTwice(reads, r, n)) return;
	const lineOf = new Map<number, number>();
	const perPair = new Map<number, number>();
	for (let row = 0; row < reads.line.length; row++) {
		const [m, j, k] = [reads.modality[row], reads.reader[row], reads.case[row]] as number[];
		const pair = (m as number) * r + (j as number);
		const key = pair * n + (k as number);
		const line = reads.line[row] as number;
		const earlier = lineOf.get(key);
		if (earlier !== undefined) {
			fail(
				`duplicate read: reader '${names.readers[j as number]}', modality '${names.modalities[m as number]}', case '${names.cases[k as number]}' already appears on line ${earlier}`,
				line
			);
		}
		lineOf.set(key, line);
		perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
	}
	const needed = t * r * n;
	const present = reads.line.length;
	if (present === needed) return;
	const counts = `${r} readers × ${t} modalities × ${n} cases need ${needed} reads, the file has ${present}: ${needed - present} ${needed - present === 1 ? 'is' : 'are'} missing; every reader must read every case in every modality`;
	fail(`unbalanced design: ${firstMissing(reads, names, perPair)} (${counts})`);
}

// At most one row per cell, with no more cells than rows: then every cell has its row (balanced).
// One byte per cell (no more cells than rows); a duplicate leaves the reporting of it
// to the general check.
function noCellTwice(reads: IndexedReads, r: number, n: number): boolean {
	const seen = new Uint8Array(reads.line.length);
	for (let row = 0; row < reads.line.length; row++) {
		const cell =
			((reads.modality[row] as number) * r + (reads.reader[row] as number)) * n +
			(reads.case[row] as number);
		if (seen[cell] === 1) return false;
		seen[cell] = 1;
	}
	return true;
}

// The first reader × modality pair (modality-major, natural order) short of cases. Stops at
// the first pair without every case, so it visits at most (rows / cases) + 1 pairs.
function firstMissing(
	reads: IndexedReads,
	names: DesignNames,
	perPair: Map<number, number>
): string {
	const [r, n] = [names.readers.length, names.cases.length];
	for (let pair = 0; ; pair++) {
		const count = perPair.get(pair) ?? 0;
		if (count === n) continue;
		const [m, j] = [Math.floor(pair / r), pair % r];
		const [reader, modality] = [names.readers[j], names.modalities[m]];
		if (count === 0) return `reader '${reader}' has no reads in modality '${modality}'`;
		const read = new Uint8Array(n);
		for (let row = 0; row < reads.line.length; row++)
			if (reads.modality[row] === m && reads.reader[row] === j) read[reads.case[row] as number] = 1;
		const k = read.indexOf(0);
		return `reader '${reader}' in modality '${modality}' read ${count} of ${n} cases; case '${names.cases[k]}' is missing`;
	}
}
