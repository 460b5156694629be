// Sponsor dashboard under load (issue: live monitoring with 50 readers reading at once).
// Starts the production build on a fresh database (like the e2e tests), enrols readers up to 50,
// has all 50 submit reads concurrently through the HTTP API, and meanwhile times the sponsor's
// dashboard data request. Prints p50/p95 latency of the dashboard with and without the load, each
// the median of several bursts (BENCH_RUNS, default 3; every burst reads the next unread cases).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { machine, percentile, report, runCount } from './bench-kit';
import { mapInOrder } from '../../src/lib/server/db/in-order';

const PORT = Number(process.env.BENCH_PORT ?? 4310);
// (Not 4190: fetch refuses that port, it is on the Fetch standard's list of blocked ports.)
// Reach the server over IPv4, where it listens. Form posts must carry
// the origin the server was started with (scripts/start.mjs sets ORIGIN to http://localhost:PORT).
const BASE = `http://127.0.0.1:${PORT}`;
const ORIGIN = `http://localhost:${PORT}`;
const WORK = join(tmpdir(), 'tandem-bench-monitor');
const DB = join(WORK, 'tandem.db');
const PASSWORD = 'bench-password-123';
const READERS = 50;
const READS_PER_READER = 20;

async function startServer(): Promise<ChildProcess> {
	rmSync(WORK, { recursive: true, force: true });
	const env = {
		...process.env,
		PORT: String(PORT),
		TANDEM_DB: DB,
		TANDEM_DEMO_PASSWORD: PASSWORD,
		TANDEM_SCORING: 'off'
	};
	const server = spawn(process.execPath, ['scripts/start.mjs'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let attempt = 0; attempt < 600; attempt++) {
		if (
			await fetch(`${BASE}/login`).then(
				(response) => response.ok,
				() => false
			)
		)
			return server;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('the server did not start');
}

function enrolExtraReaders(): string[] {
	const emails: string[] = [];
	const sites = ['site-a', 'site-b', 'site-c'];
	for (let index = 7; index <= READERS; index++) {
		const email = `bench.reader${index}@demo.example.org`;
		const site = sites[index % 3]!;
		const result = spawnSync(
			process.execPath,
			[
				'scripts/tandem.mjs',
				'reader',
				'enrol',
				'--study',
				'demo-crossover',
				'--site',
				site,
				'--email',
				email,
				'--name',
				`Bench ${index}`,
				'--password-stdin'
			],
			{ env: { ...process.env, TANDEM_DB: DB }, input: PASSWORD }
		);
		if (result.status !== 0) throw new Error(result.stderr.toString());
		emails.push(email);
	}
	return emails;
}

async function login(email: string): Promise<string> {
	const response = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`login failed for ${email}: ${response.status}`);
	return cookie;
}

async function timeDashboard(
	cookie: string,
	samples: number,
	whileBusy?: () => boolean
): Promise<number[]> {
	const times: number[] = [];
	while (times.length < samples && (whileBusy === undefined || whileBusy())) {
		const started = performance.now();
		const response = await fetch(`${BASE}/monitor/demo-crossover/__data.json`, {
			headers: { Cookie: cookie }
		});
		await response.text();
		if (!response.ok) throw new Error(`dashboard answered ${response.status}`);
		times.push(performance.now() - started);
	}
	return times;
}

interface Burst {
	idle: number[];
	busy: number[];
	submit: number[];
}

/** The dashboard idle, then while every reader submits their next unread cases at once. */
async function burst(
	sponsor: string,
	readers: string[],
	cookies: string[],
	run: number
): Promise<Burst> {
	const idle = await timeDashboard(sponsor, 30);
	const unread = await mapInOrder(
		readers,
		async (email) =>
			await readerAssignmentIds(DB, email, { period: 1, unread: true, limit: READS_PER_READER })
	);
	let running = readers.length;
	const submit: number[] = [];
	const readerLoop = async (assignments: string[], index: number) => {
		for (const [position, assignment] of assignments.entries()) {
			const started = performance.now();
			const response = await fetch(`${BASE}/api/reads`, {
				method: 'POST',
				headers: { Cookie: cookies[index]!, 'Content-Type': 'application/json', Origin: ORIGIN },
				body: JSON.stringify({
					assignment,
					clientId: `bench-${run}-${index}-${position}`,
					decision: position % 2,
					confidence: 50,
					readingTimeMs: 20_000
				})
			});
			await response.text();
			submit.push(performance.now() - started);
		}
		running--;
	};
	const loaded = timeDashboard(sponsor, 1_000, () => running > 0);
	await Promise.all(unread.map(readerLoop));
	return { idle, busy: await loaded, submit };
}

export async function run(): Promise<void> {
	const server = await startServer();
	try {
		const demoReaders = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'].map(
			(code) => `reader.${code}@demo.example.org`
		);
		const readers = [...demoReaders, ...enrolExtraReaders()];
		const sponsor = await login('sponsor@demo.example.org');
		// Readers sign in one after another: the sign-in limits space out a burst of sign-ins from
		// one address (as they would an attack); the burst measured here is of submits.
		const cookies: string[] = [];
		for (const email of readers) cookies.push(await login(email));
		const bursts: Burst[] = [];
		for (let run = 0; run < runCount(3); run += 1)
			bursts.push(await burst(sponsor, readers, cookies, run));
		console.log(
			`sponsor dashboard, ${readers.length} readers × ${READS_PER_READER} reads submitted concurrently, ${bursts.length} bursts`
		);
		console.log(machine());
		const figure = (label: string, pick: (one: Burst) => number[], p: number) =>
			report({ label, runs: bursts.map((one) => percentile(pick(one), p)), unit: 'ms' });
		figure('sponsor dashboard idle, p50', (one) => one.idle, 50);
		figure('sponsor dashboard idle, p95', (one) => one.idle, 95);
		figure(`sponsor dashboard while ${readers.length} readers submit, p50`, (one) => one.busy, 50);
		figure(`sponsor dashboard while ${readers.length} readers submit, p95`, (one) => one.busy, 95);
		figure('read submission under that load, p50', (one) => one.submit, 50);
		figure('read submission under that load, p95', (one) => one.submit, 95);
	} finally {
		server.kill('SIGTERM');
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
