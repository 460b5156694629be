// Tandem's backups (and their restore) copy its SQLite database file with SQLite's backup API. A
// PostgreSQL database is backed up with PostgreSQL's own tools, which also give what a file copy
// cannot (point-in-time recovery, replicas): on PostgreSQL `tandem backup`, the scheduled backups
// and `tandem restore` refuse, naming those tools.
import { Conflict } from '../errors';

/** What to do instead, on PostgreSQL: the server's tools for the database, a copy of the data folder. */
export const POSTGRES_BACKUP_ADVICE =
	"back up the database with PostgreSQL's own tools — pg_dump (a logical copy, restored with pg_restore) or pg_basebackup with archived write-ahead log (point-in-time recovery) — and copy the data folder (signing key, de-identification keys, exports, models) and the study folders beside it";

export class BackupOnPostgres extends Conflict {
	constructor(what: 'backup' | 'restore') {
		super(
			what === 'backup'
				? `Tandem's backups copy its SQLite database; this one runs on PostgreSQL (DATABASE_URL): ${POSTGRES_BACKUP_ADVICE}.`
				: `Tandem's restore puts back a SQLite database; this one runs on PostgreSQL (DATABASE_URL): restore the database with PostgreSQL's own tools (pg_restore, or a base backup with point-in-time recovery) and copy the data folder back beside it.`
		);
	}
}

/** The server's start with TANDEM_BACKUP_DIR set on PostgreSQL: stopped, as for a bad setting. */
export function scheduledBackupsRefused(): Error {
	return new Error(
		`TANDEM_BACKUP_DIR is set, but ${new BackupOnPostgres('backup').message} Unset TANDEM_BACKUP_DIR.`
	);
}
