// SQLite's own consistency checks. `quick_check` (page structure, O(N)) runs when the server
// starts, so a corrupt database is refused before anything is served or written; `integrity_check`
// (also every index against its table) runs in `tandem audit verify`, beside the hash chain — a
// chain can read as intact over a file whose indexes no longer match their rows.
import type Database from 'better-sqlite3';

export type IntegrityDepth = 'quick' | 'full';

/** Problems SQLite reports for the open database; empty when it says "ok". */
export function integrityProblems(sqlite: Database.Database, depth: IntegrityDepth): string[] {
	try {
		const rows = sqlite.pragma(depth === 'quick' ? 'quick_check' : 'integrity_check') as Array<
			Record<string, unknown>
		>;
		const messages = rows.map((row) => String(Object.values(row)[0]));
		return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
	} catch (error) {
		// A page so damaged that the check itself cannot read it.
		return [error instanceof Error ? error.message : String(error)];
	}
}

export class CorruptDatabase extends Error {
	constructor(
		readonly file: string,
		readonly problems: string[]
	) {
		const shown = problems.slice(0, 5).join('; ');
		const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
		super(`the database ${file} is corrupt: ${shown}${more}. Restore it from a backup.`);
		this.name = 'CorruptDatabase';
	}
}

/** Throws CorruptDatabase naming the file and SQLite's findings unless the check passes. */
export function assertDatabaseIntact(
	sqlite: Database.Database,
	depth: IntegrityDepth,
	file: string = sqlite.name
): void {
	const problems = integrityProblems(sqlite, depth);
	if (problems.length > 0) throw new CorruptDatabase(file, problems);
}
