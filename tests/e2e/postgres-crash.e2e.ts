// The production layout under crashes: two app processes and an inference worker sharing one
// PostgreSQL database (a private server, fsync on), six readers reading over HTTP as the
// workstation does (scripts/bench/read-load-reader.ts: drafts, submits with their client id,
// retried after a connection error), while each app process and the worker are killed outright
// (SIGKILL) and started again. Afterwards every read a reader was told was stored is stored exactly
// once, no case has two current reads, every case is scored by the AI once, and the audit chain
// verifies (`tandem audit verify`). Self-contained (its own server, ports and database); needs the
// build and the demo images the shared e2e server's start made.
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { onPostgres } from './database.fixture';
import { DEMO_PASSWORD } from './session.fixture';
import { createDatabase, startPostgres, type PostgresServer } from '../fixtures/postgres.fixture';
import { runCliAsync } from '../fixtures/run-cli.fixture';
import { LoadTally, SimulatedReader } from '../../scripts/bench/read-load-reader';
import { DEMO_READERS, signInAll } from '../../scripts/bench/read-load-setup';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 60;
const PORTS = [PORT, PORT + 1];
const ORIGIN = `http://localhost:${PORT}`;
const STUDY = 'demo-crossover';
const LEASE_SECONDS = 5;

let postgres: PostgresServer | undefined;
let databaseUrl = '';
const running = new Map<string, ChildProcess>();

function environment(): Record<string, string> {
	return {
		DATABASE_URL: databaseUrl,
		TANDEM_DB: 'test-results/e2e-postgres-crash/tandem.db',
		TANDEM_DEMO_PASSWORD: DEMO_PASSWORD,
		TANDEM_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
		TANDEM_INFERENCE_THREADS: '1',
		TANDEM_LOG_LEVEL: 'warn',
		ORIGIN
	};
}

async function answers(url: string): Promise<boolean> {
	return fetch(url).then(
		(response) => response.ok,
		() => false
	);
}

/** An app process (`node build`) on its port, started and waited for until ready. */
async function startApp(port: number): Promise<void> {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, ...environment(), PORT: String(port) },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	running.set(`app:${port}`, child);
	await expect
		.poll(() => answers(`http://127.0.0.1:${port}/readyz`), { timeout: 60_000 })
		.toBe(true);
}

function startWorker(): void {
	const child = spawn(process.execPath, ['scripts/tandem.mjs', 'worker', '--concurrency', '1'], {
		env: { ...process.env, ...environment() },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	running.set('worker', child);
}

/** Kills a process outright (a crash), and waits until it is gone. */
async function crash(name: string): Promise<void> {
	const child = running.get(name)!;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
	running.delete(name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe.configure({ mode: 'serial' });
// PostgreSQL's production layout: run on the PostgreSQL run only (it starts a server of its own).
test.skip(!onPostgres, 'runs on the PostgreSQL run (npm run test:e2e:postgres)');

test.afterAll(async () => {
	for (const child of running.values()) child.kill('SIGKILL');
	await postgres?.stop();
});

test('two app processes and a worker on PostgreSQL, killed outright under load, lose and duplicate nothing', async () => {
	test.setTimeout(600_000);
	postgres = await startPostgres({ durable: true });
	databaseUrl = await createDatabase(postgres.adminUrl, 'tandem_crash');
	const setup = await runCliAsync(['demo', 'setup', '--dir', `studies/${STUDY}`], environment());
	expect(setup.status, setup.stderr).toBe(0);
	for (const port of PORTS) await startApp(port);
	startWorker();

	const cookies = await signInAll(`http://127.0.0.1:${PORT}`, ORIGIN, DEMO_READERS, DEMO_PASSWORD);
	let stopAt = Number.POSITIVE_INFINITY;
	const tally = new LoadTally();
	const readers = DEMO_READERS.map(
		(email, index) =>
			new SimulatedReader(email, {
				base: `http://127.0.0.1:${PORTS[index % PORTS.length]}`,
				origin: ORIGIN,
				cookie: cookies[index]!,
				thinkMs: () => 150 + Math.random() * 150,
				stopping: () => Date.now() >= stopAt
			})
	);
	for (const reader of readers) expect(await reader.openPage(tally, STUDY)).toBe(true);
	stopAt = Date.now() + 45_000;
	const reading = Promise.all(readers.map((reader) => reader.readUntilStopped(tally)));

	// The crashes, one after the other, each process started again on the same database.
	await sleep(6_000);
	await crash(`app:${PORTS[0]}`);
	await sleep(1_500);
	await startApp(PORTS[0]!);
	await sleep(5_000);
	await crash('worker');
	await sleep(1_000);
	startWorker();
	await sleep(5_000);
	await crash(`app:${PORTS[1]}`);
	await sleep(1_500);
	await startApp(PORTS[1]!);
	await reading;

	expect(tally.reads).toBeGreaterThan(20);
	// The readers of a killed process got no answer for a while: the crashes were real.
	expect([...tally.problems.keys()].some((problem) => problem.startsWith('no answer'))).toBe(true);

	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		const stored = await client.query<{ clientId: string; n: string }>(
			'SELECT client_id AS "clientId", count(*) AS n FROM reads GROUP BY client_id'
		);
		const byClientId = new Map(stored.rows.map((row) => [row.clientId, Number(row.n)]));
		// Every acknowledged read is stored, once.
		for (const clientId of tally.acknowledged) expect(byClientId.get(clientId), clientId).toBe(1);
		expect([...byClientId.values()].every((n) => n === 1)).toBe(true);
		const doubled = await client.query(
			'SELECT assignment_id FROM reads WHERE supersedes_read_id IS NULL GROUP BY assignment_id HAVING count(*) > 1'
		);
		expect(doubled.rows).toEqual([]);

		// Every case scored, each once, though the worker was killed (its job ran again after the lease).
		const scoring = async () =>
			(
				await client.query<{ status: string; n: string }>(
					'SELECT status, count(*) AS n FROM ai_results GROUP BY status'
				)
			).rows.map((row) => `${row.status}:${row.n}`);
		await expect.poll(scoring, { timeout: 180_000, intervals: [2_000] }).toEqual(['done:120']);
		const scoredTwice = await client.query(
			"SELECT entity_id FROM audit_events WHERE action = 'ai.case_scored' GROUP BY entity_id HAVING count(*) > 1"
		);
		expect(scoredTwice.rows).toEqual([]);
	} finally {
		await client.end();
	}
	const verify = await runCliAsync(['audit', 'verify'], environment());
	expect(verify.status, verify.stdout + verify.stderr).toBe(0);
});
