// Rows sealed one by one: a CSV whose first field names each row (a case code) gets the SHA-256 of
// every data row's line into the signed manifest, so a verification names the row that changed.
import { sha256Hex } from '../crypto/hash';

/** { first field of each data row: SHA-256 of the row's line } (one row per case code). */
export function rowSealsOf(csvText: string): Record<string, string> {
	return Object.fromEntries(
		csvText
			.split('\n')
			.slice(1)
			.filter((line) => line !== '')
			.map((line) => [line.slice(0, line.indexOf(',')), sha256Hex(line)])
	);
}

/**
 * The rows of `csvText` that differ from its sealed rows, each named by its line and case code
 * (also a sealed case whose row is gone, and a row the manifest did not seal).
 */
export function changedRows(csvText: string, seals: Record<string, string>): string[] {
	const found = new Set<string>();
	const changes: string[] = [];
	csvText.split(/\r?\n/).forEach((line, index) => {
		if (index === 0 || line === '') return;
		const caseCode = line.slice(0, Math.max(0, line.indexOf(',')));
		found.add(caseCode);
		const sealed = seals[caseCode];
		if (sealed === undefined) changes.push(`row ${index + 1} (case ${caseCode}) is not sealed`);
		else if (sealed !== sha256Hex(line))
			changes.push(`row ${index + 1} (case ${caseCode}) differs from the sealed row`);
	});
	for (const caseCode of Object.keys(seals))
		if (!found.has(caseCode)) changes.push(`the row of case ${caseCode} is missing`);
	return changes;
}
