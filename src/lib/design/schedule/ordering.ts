// Locale-free ordering, so a schedule does not depend on the machine that generates it.

/** Compares strings by UTF-16 code units (what `<` does), never by locale collation. */
export function compareCodeUnits(left: string, right: string): number {
	if (left < right) return -1;
	return left > right ? 1 : 0;
}
