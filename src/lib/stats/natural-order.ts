// Natural ordering of reader / modality / case identifiers: "2" before "10", "r2" before
// "r10"; otherwise a plain code-unit comparison, so the order never depends on the locale.

const CHUNK = /(\d+)|(\D+)/g;

function chunks(id: string): string[] {
	return id.match(CHUNK) ?? [];
}

function compareDigitRuns(a: string, b: string): number {
	const trimmedA = a.replace(/^0+(?=\d)/, '');
	const trimmedB = b.replace(/^0+(?=\d)/, '');
	if (trimmedA.length !== trimmedB.length) return trimmedA.length - trimmedB.length;
	return compareText(trimmedA, trimmedB);
}

function compareText(a: string, b: string): number {
	return a === b ? 0 : a < b ? -1 : 1;
}

/** Comparator for natural order; ids that are both plain numbers compare numerically. */
export function compareNatural(a: string, b: string): number {
	const numberA = Number(a);
	const numberB = Number(b);
	if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(numberA) && Number.isFinite(numberB)) {
		if (numberA !== numberB) return numberA - numberB;
		return compareText(a, b);
	}
	const chunksA = chunks(a);
	const chunksB = chunks(b);
	for (let i = 0; i < Math.min(chunksA.length, chunksB.length); i++) {
		const chunkA = chunksA[i] as string;
		const chunkB = chunksB[i] as string;
		const bothDigits = /^\d/.test(chunkA) && /^\d/.test(chunkB);
		const order = bothDigits ? compareDigitRuns(chunkA, chunkB) : compareText(chunkA, chunkB);
		if (order !== 0) return order;
	}
	if (chunksA.length !== chunksB.length) return chunksA.length - chunksB.length;
	return compareText(a, b); // same words and numbers, e.g. 'r01' and 'r1': decide by text
}

/** A sorted copy of the ids in natural order. */
export function sortNatural(ids: Iterable<string>): string[] {
	return [...ids].sort(compareNatural);
}
