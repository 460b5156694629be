// The read path under load (issue: 200 readers, ~35 ms of server CPU per read, ~30 s waits).
// Starts the production build as the e2e tests do (tests/e2e/serve.mjs: a fresh database, the demo
// studies), enrols readers in the CT demo study through the real service up to READ_LOAD_READERS
// (default 200; each gets their schedule: sessions of 60 cases), signs each in, and lets every
// reader read as the workstation does over HTTP (read-load-reader.ts: per case the next case's
// images and view fetched ahead, a draft save, the submit with its client id, "shown").
// Two phases on the same server and readers:
//  (a) with think time: each case takes 20–40 s of reading (uniform), multiplied by
//      READ_LOAD_THINK_SCALE (default 0.25, so 5–10 s): every reader makes the workstation's
//      requests in the same order and mix, 4 × as often as a real reader — the request rate of
//      4 × 200 = 800 readers at a real pace. Readers start spread over the first case's think time;
//      no new case starts after READ_LOAD_SECONDS (default 60).
//  (b) flat out: no think time, for READ_LOAD_FLAT_SECONDS (default 20): the throughput ceiling.
// Each phase prints the server's CPU per read (utime + stime of the build/index.js process from
// /proc over the phase ÷ reads stored), submit latency (first attempt to stored, a 503's wait
// included) and whole-cycle latency (a case's requests, think time taken out) p50/p95/p99,
// reads/s, errors and 503s.
import { join } from 'node:path';
import { machine, percentile, report } from './bench-kit';
import { startServer } from './workstation-session';
import { LoadTally, SimulatedReader } from './read-load-reader';
import { cpuTimeMs, enrolReaders, serverProcessId, signInAll } from './read-load-setup';

const PORT = Number(process.env.BENCH_PORT ?? 4330);
const FOLDER = 'bench-read-load';
const PASSWORD = 'bench-demo-password';
const STUDY = 'demo-crossover';

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const READERS = Math.round(setting('READ_LOAD_READERS', 200));
const THINK_SCALE = setting('READ_LOAD_THINK_SCALE', 0.25);
const THINK_SECONDS = setting('READ_LOAD_SECONDS', 60);
const FLAT_SECONDS = setting('READ_LOAD_FLAT_SECONDS', 20);
/** A real reader's time on one case, ms: 20–40 s. */
const thinkTime = () => (20_000 + Math.random() * 20_000) * THINK_SCALE;

interface PhaseResult {
	tally: LoadTally;
	seconds: number;
	serverCpuMs: number;
}

async function phase(
	readers: SimulatedReader[],
	pid: number,
	seconds: number,
	stagger: number
): Promise<PhaseResult> {
	const tally = new LoadTally();
	const cpuBefore = cpuTimeMs(pid);
	const started = performance.now();
	const deadline = Date.now() + seconds * 1000;
	stopAt = deadline;
	await Promise.all(
		readers.map(async (reader) => {
			await new Promise((resolve) => setTimeout(resolve, Math.random() * stagger));
			await reader.readUntilStopped(tally);
		})
	);
	return {
		tally,
		seconds: (performance.now() - started) / 1000,
		serverCpuMs: cpuTimeMs(pid) - cpuBefore
	};
}

let stopAt = 0;
let thinking = true;

function print(label: string, result: PhaseResult): void {
	const { tally, seconds, serverCpuMs } = result;
	const perRead = serverCpuMs / Math.max(1, tally.reads);
	const line = (name: string, values: number[]) =>
		`${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms   p99 ${percentile(values, 99).toFixed(0).padStart(5)} ms`;
	console.log(`\n${label}: ${tally.reads} reads in ${seconds.toFixed(1)} s`);
	console.log(
		`server CPU ${(serverCpuMs / 1000).toFixed(1)} s: ${perRead.toFixed(1)} ms per read cycle`
	);
	console.log(line('submit', tally.submitMs));
	console.log(line('whole cycle', tally.cycleMs));
	console.log(
		`${(tally.reads / seconds).toFixed(1)} reads/s; errors ${tally.errors}; 503s ${tally.unavailable}`
	);
	for (const [problem, count] of tally.problems) console.log(`  ${count} × ${problem}`);
	const short = label.startsWith('(a)') ? 'think time' : 'flat out';
	report({
		label: `read load ${short}: server CPU per read`,
		runs: [perRead],
		unit: 'ms',
		...(short === 'think time' ? { target: { value: 5, better: 'lower' as const } } : {})
	});
	report({
		label: `read load ${short}: submit p99`,
		runs: [percentile(tally.submitMs, 99)],
		unit: 'ms',
		...(short === 'think time' ? { target: { value: 100, better: 'lower' as const } } : {})
	});
	report({ label: `read load ${short}: reads/s`, runs: [tally.reads / seconds], unit: '/s' });
}

export async function run(): Promise<void> {
	const server = await startServer(PORT, FOLDER);
	try {
		const base = `http://127.0.0.1:${PORT}`;
		const pid = serverProcessId(server.pid);
		const setupStarted = performance.now();
		const database = join('test-results', FOLDER, 'tandem.db');
		const emails = await enrolReaders(database, STUDY, READERS, PASSWORD);
		const cookies = await signInAll(base, server.base, emails, PASSWORD);
		const readers = emails.map(
			(email, index) =>
				new SimulatedReader(email, {
					base,
					origin: server.base,
					cookie: cookies[index]!,
					thinkMs: () => (thinking ? thinkTime() : 0),
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
		const meanThink = 30 * THINK_SCALE;
		console.log(
			`(a) think time 20–40 s × ${THINK_SCALE} = ${(20 * THINK_SCALE).toFixed(1)}–${(40 * THINK_SCALE).toFixed(1)} s per case: the request rate of ${Math.round(READERS / THINK_SCALE)} readers at a real pace`
		);
		const withThink = await phase(readers, pid, THINK_SECONDS, meanThink * 1000);
		print(`(a) ${READERS} readers, think time × ${THINK_SCALE}`, withThink);
		thinking = false;
		const flat = await phase(readers, pid, FLAT_SECONDS, 0);
		print(`(b) ${READERS} readers flat out`, flat);
	} finally {
		server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
