// Where the read path's server CPU goes, request by request: one signed-in reader of the CT demo
// makes each of the workstation's requests READ_REQUESTS_COUNT times (default 300) in a row, and
// the server process's CPU time (/proc, utime + stime) over them is divided by their number. Beside
// them, the floor: a bare Node HTTP server answering "ok" on the same machine, and the app's
// /healthz for a signed-in caller (HTTP, adapter-node, SvelteKit, the hooks and the session
// query, nothing else). Then the whole cycle (read-load-reader.ts, no think time) for comparison:
// what a read costs is roughly the sum of its requests. Three runs of each, the median printed.
// Some again with 20 ms of nothing before each request: what the same request costs a process woken
// from idle, as each request is at a reader's pace (caches gone cold, the event loop woken): part of
// why a read costs more at a real pace than flat out on the same code.
// READ_LOAD_DATABASE=postgres runs it on a private PostgreSQL (one app process), printing the
// database server's CPU per request beside the app's.
import { spawn } from 'node:child_process';
import { report } from './bench-kit';
import { startServer } from './workstation-session';
import { LoadTally, SimulatedReader } from './read-load-reader';
import {
	startPostgres,
	createDatabase,
	type PostgresServer
} from '../../tests/fixtures/postgres.fixture';

const PORT = Number(process.env.BENCH_PORT ?? 4330) + 50;
const FOLDER = 'bench-read-requests';
const PASSWORD = 'bench-demo-password';
const STUDY = 'demo-crossover';
const COUNT = Math.max(20, Number(process.env.READ_REQUESTS_COUNT ?? 300) || 300);
const RUNS = 3;
const POSTGRES = process.env.READ_LOAD_DATABASE === 'postgres';
/** The pause before each request of the "apart" figures: a process woken from idle, as at a reader's pace. */
const GAP_MS = 20;

type Setup = typeof import('./read-load-setup');
interface Meters {
	app: () => number;
	database: (() => number) | null;
}

/**
 * CPU per request (ms) of `request` made COUNT times in a row, RUNS times, after a warm-up; with
 * `gapMs`, each request after that long with nothing to do, as at a reader's pace (the process's
 * idle work over the gap, about 3 ms a second, is counted in: 0.06 ms at 20 ms).
 */
async function measure(
	meters: Meters,
	label: string,
	request: () => Promise<void>,
	gapMs = 0
): Promise<void> {
	for (let index = 0; index < 30; index++) await request();
	const app: number[] = [];
	const database: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const before = meters.app();
		const databaseBefore = meters.database?.() ?? 0;
		for (let index = 0; index < COUNT; index++) {
			if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
			await request();
		}
		app.push((meters.app() - before) / COUNT);
		if (meters.database) database.push((meters.database() - databaseBefore) / COUNT);
	}
	const where = POSTGRES ? 'PostgreSQL' : 'SQLite';
	report({ label: `read requests (${where}): ${label}, app CPU`, runs: app, unit: 'ms' });
	if (meters.database)
		report({
			label: `read requests (${where}): ${label}, PostgreSQL CPU`,
			runs: database,
			unit: 'ms'
		});
}

/** A bare Node HTTP server's CPU per request on this machine: the floor under any framework. */
async function bareFloor(setup: Setup): Promise<void> {
	const port = PORT + 1;
	const child = spawn(process.execPath, [
		'-e',
		`require('node:http').createServer((q, s) => s.end('ok')).listen(${port})`
	]);
	try {
		for (let attempt = 0; attempt < 50; attempt++) {
			const up = await fetch(`http://127.0.0.1:${port}/`).then(
				async (response) => (await response.arrayBuffer(), true),
				() => false
			);
			if (up) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const get = async () => void (await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer());
		const meters = { app: () => setup.cpuTimeMs(child.pid!), database: null };
		await measure(meters, 'bare Node HTTP', get);
		await measure(meters, `bare Node HTTP, ${GAP_MS} ms apart`, get, GAP_MS);
	} finally {
		child.kill();
	}
}

export async function run(): Promise<void> {
	let postgres: PostgresServer | undefined;
	if (POSTGRES) {
		postgres = await startPostgres({ durable: true });
		process.env.DATABASE_URL = await createDatabase(postgres.adminUrl, 'tandem_requests');
	}
	const setup: Setup = await import('./read-load-setup');
	const server = await startServer(PORT, FOLDER);
	try {
		const pid = setup.serverProcessId(server.pid);
		const postgresPort = postgres ? Number(new URL(postgres.adminUrl).port) : 0;
		const meters: Meters = {
			app: () => setup.cpuTimeMs(pid),
			database: postgres ? () => setup.postgresCpuTimeMs(postgresPort) : null
		};
		const base = `http://127.0.0.1:${PORT}`;
		const database = `test-results/${FOLDER}/tandem.db`;
		const [email] = (await setup.enrolReaders(database, STUDY, 6, PASSWORD)).slice(-1);
		const [cookie] = await setup.signInAll(base, server.base, [email!], PASSWORD);
		const headers = { Cookie: cookie!, Origin: server.base };
		const reader = new SimulatedReader(email!, {
			base,
			origin: server.base,
			cookie: cookie!,
			thinkMs: () => 0,
			stopping: () => false
		});
		if (!(await reader.openPage(new LoadTally(), STUDY)) || !reader.view?.next)
			throw new Error(`${email} has no case to read with a next one`);
		const { assignment, images, next } = reader.view;
		const get = (path: string) => async () => {
			const response = await fetch(`${base}${path}`, { headers });
			await response.arrayBuffer();
			if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
		};
		const draft = JSON.stringify({
			decision: 1,
			confidence: 70,
			marks: [],
			measurements: [],
			elapsedMs: 1000,
			pausedMs: 0,
			events: [{ type: 'rendered', at: Date.now() - 1000, detail: { image: 1 } }]
		});
		const imageBytes = (await (await fetch(`${base}${images[0]}`, { headers })).arrayBuffer())
			.byteLength;
		console.log(`${COUNT} requests a run, ${RUNS} runs; the image is ${imageBytes} bytes`);

		await bareFloor(setup);
		await measure(meters, 'GET /healthz signed in', get('/healthz'));
		await measure(meters, `GET /healthz signed in, ${GAP_MS} ms apart`, get('/healthz'), GAP_MS);
		const view = get(`/api/read/${next.assignment}/view`);
		await measure(meters, "GET the next case's view", view);
		await measure(meters, `GET the next case's view, ${GAP_MS} ms apart`, view, GAP_MS);
		await measure(meters, `GET an image (${Math.round(imageBytes / 1024)} KiB)`, get(images[0]!));
		await measure(meters, 'PUT the draft', async () => {
			const response = await fetch(`${base}/api/read/${assignment}/draft`, {
				method: 'PUT',
				headers: { ...headers, 'Content-Type': 'application/json' },
				body: draft
			});
			await response.arrayBuffer();
			if (!response.ok) throw new Error(`PUT draft: ${response.status}`);
		});

		// The whole cycle, case after case: 35 reads a run.
		const cycles: number[] = [];
		const databaseCycles: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const tally = new LoadTally();
			const before = meters.app();
			const databaseBefore = meters.database?.() ?? 0;
			while (tally.reads < 35 && (await reader.readOneCase(tally)));
			if (tally.errors > 0) throw new Error(`the cycle failed: ${[...tally.problems.keys()]}`);
			cycles.push((meters.app() - before) / Math.max(1, tally.reads));
			if (meters.database)
				databaseCycles.push((meters.database() - databaseBefore) / Math.max(1, tally.reads));
		}
		const where = POSTGRES ? 'PostgreSQL' : 'SQLite';
		report({
			label: `read requests (${where}): whole read cycle, app CPU`,
			runs: cycles,
			unit: 'ms'
		});
		if (meters.database)
			report({
				label: `read requests (${where}): whole read cycle, PostgreSQL CPU`,
				runs: databaseCycles,
				unit: 'ms'
			});
	} finally {
		server.stop();
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		await postgres?.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
