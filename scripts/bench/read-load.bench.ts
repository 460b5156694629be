// The read path under load (issue: 200 readers, ~35 ms of server CPU per read, ~30 s waits).
// Starts the production build as the e2e tests do (tests/e2e/serve.mjs: a fresh database, the demo
// studies), enrols readers in the CT demo study through the real service up to READ_LOAD_READERS
// (default 200; each gets their schedule: sessions of 60 cases), signs each in, and lets every
// reader read as the workstation does over HTTP (read-load-reader.ts: per case the next case's
// images and view fetched ahead, a draft save, the submit with its client id and the case shown).
// Three phases on the same server and readers:
//  (a) at a real pace: each case takes 20–40 s of reading (uniform), for READ_LOAD_REAL_SECONDS
//      (default 120): the targets (CPU per read, submit p99) are checked on this phase.
//  (b) 4 × the pace: the think time multiplied by READ_LOAD_THINK_SCALE (default 0.25, so 5–10 s):
//      every reader makes the workstation's requests in the same order and mix, 4 × as often as a
//      real reader — the request rate of 4 × 200 = 800 readers at a real pace — for
//      READ_LOAD_SECONDS (default 60).
//  (c) flat out: no think time, for READ_LOAD_FLAT_SECONDS (default 20): the throughput ceiling.
// Readers start spread over the first case's think time; no new case starts after a phase's end.
// Each phase prints the server's CPU per read (utime + stime of the build/index.js process from
// /proc over the phase ÷ reads stored), submit latency (first attempt to stored, a 503's wait
// included) and whole-cycle latency (a case's requests, think time taken out) p50/p95/p99,
// reads/s, errors and 503s.
//
// READ_LOAD_DATABASE=postgres runs the same on PostgreSQL (a private server started here, fsync on
// as in production) with READ_LOAD_PROCESSES app processes (default 2) sharing it, each reader
// talking to one of them; the CPU per read is then the app processes' together, and PostgreSQL's
// own is printed beside it, with its transactions committed and rolled back over the phase.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { machine, percentile, report } from './bench-kit';
import { startServer } from './workstation-session';
import { LoadTally, SimulatedReader } from './read-load-reader';
import {
	startPostgres,
	createDatabase,
	type PostgresServer
} from '../../tests/fixtures/postgres.fixture';

const PORT = Number(process.env.BENCH_PORT ?? 4330);
const FOLDER = 'bench-read-load';
const PASSWORD = 'bench-demo-password';
const STUDY = 'demo-crossover';

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const POSTGRES = process.env.READ_LOAD_DATABASE === 'postgres';
const PROCESSES = Math.round(setting('READ_LOAD_PROCESSES', POSTGRES ? 2 : 1));
const READERS = Math.round(setting('READ_LOAD_READERS', 200));
const THINK_SCALE = setting('READ_LOAD_THINK_SCALE', 0.25);
const REAL_SECONDS = setting('READ_LOAD_REAL_SECONDS', 120);
const THINK_SECONDS = setting('READ_LOAD_SECONDS', 60);
const FLAT_SECONDS = setting('READ_LOAD_FLAT_SECONDS', 20);
/** The phase's think time per case, ms: a real reader's 20–40 s, times the phase's scale (0: none). */
let thinkScale = 1;
const thinkTime = () => (20_000 + Math.random() * 20_000) * thinkScale;

interface PhaseResult {
	tally: LoadTally;
	seconds: number;
	serverCpuMs: number;
	databaseCpuMs: number | null;
	/** PostgreSQL's transactions over the phase (pg_stat_database; its counts lag by up to 10 s). */
	transactions: TransactionCounts | null;
}

interface TransactionCounts {
	committed: number;
	rolledBack: number;
}

type Setup = typeof import('./read-load-setup');

/** CPU so far of the app processes, and of the database server's processes (PostgreSQL). */
interface CpuMeters {
	app: () => number;
	database: (() => number) | null;
	/** PostgreSQL's transaction counts so far: a rollback is a refusal, or an attempt run again
	 * (not serializable, or needing the audit chain's turn). */
	transactions: (() => Promise<TransactionCounts>) | null;
}

/** The bench database's transaction counts, read on a connection of its own. */
async function transactionCounter(url: string) {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return {
		async counts(): Promise<TransactionCounts> {
			await client.query('SELECT pg_stat_clear_snapshot()');
			const { rows } = await client.query<{ committed: string; rolled_back: string }>(
				'SELECT xact_commit AS committed, xact_rollback AS rolled_back FROM pg_stat_database WHERE datname = current_database()'
			);
			return { committed: Number(rows[0]!.committed), rolledBack: Number(rows[0]!.rolled_back) };
		},
		close: () => client.end()
	};
}

async function phase(
	readers: SimulatedReader[],
	cpu: CpuMeters,
	seconds: number,
	stagger: number
): Promise<PhaseResult> {
	const tally = new LoadTally();
	const cpuBefore = cpu.app();
	const databaseBefore = cpu.database?.() ?? 0;
	const transactionsBefore = await cpu.transactions?.();
	const started = performance.now();
	const deadline = Date.now() + seconds * 1000;
	stopAt = deadline;
	await Promise.all(
		readers.map(async (reader) => {
			await new Promise((resolve) => setTimeout(resolve, Math.random() * stagger));
			await reader.readUntilStopped(tally);
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	const serverCpuMs = cpu.app() - cpuBefore;
	const databaseCpuMs = cpu.database ? cpu.database() - databaseBefore : null;
	const transactionsAfter = await cpu.transactions?.();
	const transactions =
		transactionsBefore && transactionsAfter
			? {
					committed: transactionsAfter.committed - transactionsBefore.committed,
					rolledBack: transactionsAfter.rolledBack - transactionsBefore.rolledBack
				}
			: null;
	return { tally, seconds: elapsed, serverCpuMs, databaseCpuMs, transactions };
}

let stopAt = 0;

/** The phase's figures, printed and reported under `short`; the targets go with the real pace. */
function print(label: string, short: string, result: PhaseResult, targets: boolean): void {
	const { tally, seconds, serverCpuMs, databaseCpuMs, transactions } = result;
	const perRead = serverCpuMs / Math.max(1, tally.reads);
	const where = POSTGRES ? `PostgreSQL, ${PROCESSES} app processes` : 'SQLite, 1 process';
	const line = (name: string, values: number[]) =>
		`${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms   p99 ${percentile(values, 99).toFixed(0).padStart(5)} ms`;
	console.log(`\n${label}: ${tally.reads} reads in ${seconds.toFixed(1)} s`);
	console.log(
		`server CPU ${(serverCpuMs / 1000).toFixed(1)} s: ${perRead.toFixed(1)} ms per read cycle (${where})`
	);
	if (databaseCpuMs !== null)
		console.log(
			`PostgreSQL CPU ${(databaseCpuMs / 1000).toFixed(1)} s: ${(databaseCpuMs / Math.max(1, tally.reads)).toFixed(1)} ms per read cycle`
		);
	if (transactions)
		console.log(
			`PostgreSQL transactions: about ${transactions.committed} committed, ${transactions.rolledBack} rolled back (refused, or run again: not serializable, or in the audit chain's turn)`
		);
	console.log(line('submit', tally.submitMs));
	console.log(line('whole cycle', tally.cycleMs));
	console.log(
		`${(tally.reads / seconds).toFixed(1)} reads/s; errors ${tally.errors}; 503s ${tally.unavailable}`
	);
	for (const [problem, count] of tally.problems) console.log(`  ${count} × ${problem}`);
	const name = `read load ${POSTGRES ? 'PostgreSQL ' : ''}${short}`;
	report({
		label: `${name}: server CPU per read`,
		runs: [perRead],
		unit: 'ms',
		...(targets ? { target: { value: 5, better: 'lower' as const } } : {})
	});
	report({
		label: `${name}: submit p99`,
		runs: [percentile(tally.submitMs, 99)],
		unit: 'ms',
		...(targets ? { target: { value: 100, better: 'lower' as const } } : {})
	});
	report({ label: `${name}: reads/s`, runs: [tally.reads / seconds], unit: '/s' });
}

/** A further app process on the same database (PostgreSQL): the built server, started directly. */
async function startAppProcess(port: number, databaseUrl: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_URL: databaseUrl,
			TANDEM_DB: `test-results/${FOLDER}/tandem.db`,
			TANDEM_SCORING: 'off'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`app process ${port} stopped (exit ${child.exitCode})`);
		const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
			(response) => response.ok,
			() => false
		);
		if (ready) return child;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	child.kill('SIGTERM');
	throw new Error(`app process ${port} did not become ready`);
}

export async function run(): Promise<void> {
	let postgres: PostgresServer | undefined;
	const others: ChildProcess[] = [];
	let counter: Awaited<ReturnType<typeof transactionCounter>> | undefined;
	if (POSTGRES) {
		postgres = await startPostgres({ durable: true });
		// Set before the data layer is loaded (below): the process then runs on PostgreSQL.
		process.env.DATABASE_URL = await createDatabase(postgres.adminUrl, 'tandem_bench');
	}
	const setup: Setup = await import('./read-load-setup');
	const server = await startServer(PORT, FOLDER);
	try {
		const pids = [setup.serverProcessId(server.pid)];
		for (let index = 1; index < PROCESSES; index++) {
			const child = await startAppProcess(PORT + index, process.env.DATABASE_URL!);
			others.push(child);
			pids.push(child.pid!);
		}
		const bases = pids.map((_, index) => `http://127.0.0.1:${PORT + index}`);
		const postgresPort = postgres ? Number(new URL(postgres.adminUrl).port) : 0;
		counter = postgres ? await transactionCounter(process.env.DATABASE_URL!) : undefined;
		const cpu: CpuMeters = {
			app: () => pids.reduce((total, pid) => total + setup.cpuTimeMs(pid), 0),
			database: postgres ? () => setup.postgresCpuTimeMs(postgresPort) : null,
			transactions: counter ? counter.counts : null
		};
		const setupStarted = performance.now();
		const database = join('test-results', FOLDER, 'tandem.db');
		const emails = await setup.enrolReaders(database, STUDY, READERS, PASSWORD);
		const cookies = await setup.signInAll(bases[0]!, server.base, emails, PASSWORD);
		const readers = emails.map(
			(email, index) =>
				new SimulatedReader(email, {
					base: bases[index % bases.length]!,
					origin: server.base,
					cookie: cookies[index]!,
					thinkMs: thinkTime,
					stopping: () => Date.now() >= stopAt
				})
		);
		stopAt = Number.POSITIVE_INFINITY;
		const opening = new LoadTally();
		for (const reader of readers) await reader.openPage(opening, STUDY);
		const open = readers.filter((reader) => reader.view !== null).length;
		console.log(
			`${emails.length} readers enrolled and signed in, ${open} at their first case, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`
		);
		console.log(machine());
		console.log(`(a) think time 20–40 s per case: ${READERS} readers at a real pace`);
		const real = await phase(readers, cpu, REAL_SECONDS, 30_000);
		print(`(a) ${READERS} readers at a real pace`, 'real pace', real, true);
		thinkScale = THINK_SCALE;
		console.log(
			`\n(b) think time 20–40 s × ${THINK_SCALE} = ${(20 * THINK_SCALE).toFixed(1)}–${(40 * THINK_SCALE).toFixed(1)} s per case: the request rate of ${Math.round(READERS / THINK_SCALE)} readers at a real pace`
		);
		const faster = await phase(readers, cpu, THINK_SECONDS, 30_000 * THINK_SCALE);
		print(
			`(b) ${READERS} readers, think time × ${THINK_SCALE}`,
			`think time × ${THINK_SCALE}`,
			faster,
			false
		);
		thinkScale = 0;
		const flat = await phase(readers, cpu, FLAT_SECONDS, 0);
		print(`(c) ${READERS} readers flat out`, 'flat out', flat, false);
	} finally {
		for (const child of others) child.kill('SIGTERM');
		await counter?.close();
		server.stop();
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		await postgres?.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
