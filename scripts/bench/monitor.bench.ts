// Sponsor dashboard under load (issue: live monitoring with 50 readers reading at once).
// Starts the production build on a fresh database (like the e2e tests), enrols readers up to 50,
// has all 50 submit reads concurrently through the HTTP API, and meanwhile times the sponsor's
// dashboard data request. Prints p50/p95 latency of the dashboard with and without the load.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';

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

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

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

export async function run(): Promise<void> {
	const server = await startServer();
	try {
		const demoReaders = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'].map(
			(code) => `reader.${code}@demo.example.org`
		);
		const readers = [...demoReaders, ...enrolExtraReaders()];
		const sponsor = await login('sponsor@demo.example.org');
		const idle = await timeDashboard(sponsor, 30);
		// Readers sign in one after another: the sign-in limits space out a burst of sign-ins from
		// one address (as they would an attack); the burst measured here is of submits.
		const sessions: Array<{ cookie: string; assignments: string[] }> = [];
		for (const email of readers)
			sessions.push({
				cookie: await login(email),
				assignments: readerAssignmentIds(DB, email, { period: 1, limit: READS_PER_READER })
			});
		let running = sessions.length;
		const submitTimes: number[] = [];
		const readerLoop = async (
			{ cookie, assignments }: { cookie: string; assignments: string[] },
			index: number
		) => {
			for (const [position, assignment] of assignments.entries()) {
				const started = performance.now();
				const response = await fetch(`${BASE}/api/reads`, {
					method: 'POST',
					headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: ORIGIN },
					body: JSON.stringify({
						assignment,
						clientId: `bench-${index}-${position}`,
						decision: position % 2,
						confidence: 50,
						readingTimeMs: 20_000
					})
				});
				await response.text();
				submitTimes.push(performance.now() - started);
			}
			running--;
		};
		const loaded = timeDashboard(sponsor, 1_000, () => running > 0);
		await Promise.all(sessions.map(readerLoop));
		const busy = await loaded;
		const line = (label: string, values: number[]) =>
			`${label.padEnd(34)} n=${String(values.length).padStart(4)}  p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms`;
		console.log(
			`sponsor dashboard, ${readers.length} readers × ${READS_PER_READER} reads submitted concurrently`
		);
		console.log(line('dashboard, idle', idle));
		console.log(line('dashboard, while 50 readers submit', busy));
		console.log(line('read submission, under load', submitTimes));
		console.log(
			`ratio p95 busy / idle: ${(percentile(busy, 95) / percentile(idle, 95)).toFixed(2)}`
		);
	} finally {
		server.kill('SIGTERM');
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
