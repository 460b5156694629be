// Changes to a study seen by every app process, on PostgreSQL: a process that stores a read also
// sends `NOTIFY tandem_study, '<study id>'`, and each process LISTENs on one connection of its own
// and passes what it hears to its live views (study-events.ts), so a sponsor's dashboard served by
// one process refreshes at once for a read stored through another. (With SQLite there is one
// process; the dashboard's 5 s poll stays as the backstop either way, e.g. for the CLI's changes.)
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { isPostgresHandle } from '../db/postgres-transaction';
import { rawRows } from '../db/raw';
import { logFor } from '../logger';

export const STUDY_CHANNEL = 'tandem_study';

/** Tells the other processes (PostgreSQL only); a failure is logged, never thrown. */
export function broadcastStudyChanged(db: DbOrTx, studyId: number): void {
	if (!isPostgresHandle(db)) return;
	rawRows(db, sql`SELECT pg_notify(${STUDY_CHANNEL}, ${String(studyId)})`).catch((error: unknown) =>
		logFor('monitor').warn({ err: error }, 'a study change could not be broadcast')
	);
}

/**
 * Listens for the other processes' changes and hands each study id to `heard`, connecting again
 * (after 1 s, then up to 30 s apart) when the connection is lost; returns the function that stops.
 */
export async function listenForStudyChanges(
	url: string,
	heard: (studyId: number) => void
): Promise<() => Promise<void>> {
	const log = logFor('monitor');
	let client: pg.Client | undefined;
	let stopped = false;
	let retryMs = 1_000;
	let timer: NodeJS.Timeout | undefined;
	const connect = async (): Promise<void> => {
		const next = new pg.Client({ connectionString: url });
		next.on('notification', (message) => {
			const studyId = Number(message.payload);
			if (message.channel === STUDY_CHANNEL && Number.isInteger(studyId)) heard(studyId);
		});
		next.on('error', (error) => {
			log.warn({ err: error }, 'the study-change listener lost its connection');
			void next.end().catch(() => undefined);
			if (client === next) client = undefined;
			again();
		});
		await next.connect();
		await next.query(`LISTEN ${STUDY_CHANNEL}`);
		client = next;
		retryMs = 1_000;
	};
	const again = () => {
		if (stopped || timer) return;
		timer = setTimeout(() => {
			timer = undefined;
			connect().catch((error: unknown) => {
				log.warn({ err: error }, 'the study-change listener could not connect');
				retryMs = Math.min(retryMs * 2, 30_000);
				again();
			});
		}, retryMs);
		timer.unref();
	};
	await connect();
	return async () => {
		stopped = true;
		if (timer) clearTimeout(timer);
		await client?.end().catch(() => undefined);
	};
}
