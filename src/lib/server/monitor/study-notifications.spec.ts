// The sponsor's dashboard across app processes (PostgreSQL pass): a change told by one process
// (NOTIFY) is heard by another's listener, also when it comes from outside Tandem's pool, and the
// listener connects again when the server drops its connection.
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { onPostgres } from '$fixtures/dialect.fixture';
import { databaseUrl } from '../config';
import { openProcessDatabase } from '../db/client';
import { broadcastStudyChanged, listenForStudyChanges } from './study-notifications';

const heard: number[] = [];
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const stop of stops) await stop();
});

async function hears(studyId: number): Promise<void> {
	await expect.poll(() => heard.includes(studyId), { timeout: 10_000 }).toBe(true);
}

describe.skipIf(!onPostgres)('study changes between processes (PostgreSQL)', () => {
	it('hears what another process tells, and keeps listening after its connection is dropped', async () => {
		stops.push(await listenForStudyChanges(databaseUrl()!, (studyId) => heard.push(studyId)));
		const db = await openProcessDatabase();
		broadcastStudyChanged(db, 7);
		await hears(7);

		// Another process, on a connection of its own.
		const other = new pg.Client({ connectionString: databaseUrl() });
		await other.connect();
		try {
			await other.query("SELECT pg_notify('tandem_study', '42')");
			await hears(42);
			// A restart or failover ends the listener's connection: it connects again by itself.
			await other.query(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN tandem_study'"
			);
			await expect
				.poll(
					async () => {
						await other.query("SELECT pg_notify('tandem_study', '43')");
						return heard.includes(43);
					},
					{ timeout: 20_000, interval: 500 }
				)
				.toBe(true);
			// Not a study id: ignored.
			await other.query("SELECT pg_notify('tandem_study', 'not a number')");
			await other.query("SELECT pg_notify('tandem_study', '44')");
			await hears(44);
			expect(heard.every(Number.isInteger)).toBe(true);
		} finally {
			await other.end();
		}
	});
});
