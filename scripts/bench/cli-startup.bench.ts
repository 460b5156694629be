// The `tandem` command's start-up as a user feels it: the whole process, from spawn to exit, of
// `tandem --help` and of `tandem audit verify` on a demo database, through the launcher
// (scripts/tandem.mjs, what `npm run tandem` runs: the command line compiled ahead of time). The
// peer is the same command run from sources through tsx, as `npm run tandem` did before.
// The demo database is made in a temp folder: the CT demo loaded by `demo setup`, then filled by
// `demo simulate-reads` so its audit chain is that of a study in use (the count is printed).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoStudy } from '../demo/generate-demo-study';
import { compiledCli } from '../cli-launch.mjs';
import { median, repeat, report, runCount } from './bench-kit';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER = ['scripts/tandem.mjs'];
const FROM_SOURCES = [createRequire(import.meta.url).resolve('tsx/cli'), 'src/cli/main.ts'];
const HELP_TARGET_MS = 200;
const VERIFY_TARGET_MS = 500;
/** Runs of the tsx peer: a few are enough for a ratio, each costs seconds. */
const PEER_RUNS = 3;

/** Milliseconds from spawn to exit of `node <command…>`; throws when it fails. */
function wholeProcessMs(command: readonly string[], env: Record<string, string> = {}): number {
	const started = performance.now();
	const result = spawnSync(process.execPath, command, {
		cwd: repoRoot,
		env: { ...process.env, ...env },
		encoding: 'utf8'
	});
	const elapsed = performance.now() - started;
	if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
	return elapsed;
}

function runTandem(args: readonly string[], env: Record<string, string>): string {
	const result = spawnSync(process.execPath, [...LAUNCHER, ...args], {
		cwd: repoRoot,
		env: { ...process.env, ...env },
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`tandem ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

/** The CT demo's folder with its images: the repository's if `npm start` generated them, else a copy. */
async function demoFolder(work: string): Promise<string> {
	const shipped = join(repoRoot, 'studies', 'demo-crossover');
	const marker = join(shipped, 'images', 'generation.json');
	if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).imageSize === 512)
		return shipped;
	const copy = join(work, 'demo-crossover');
	cpSync(shipped, copy, { recursive: true });
	console.log('generating the CT demo images in a temp folder (about 10 s)…');
	await generateDemoStudy({ outDir: copy });
	return copy;
}

export async function run(): Promise<void> {
	// The build as users get it, made fresh before the clock starts.
	const { rebuilt } = await compiledCli();
	if (rebuilt) console.log(`(the command line was compiled first: ${rebuilt})`);
	const runs = runCount(10);

	const help = await repeat(runs, () => wholeProcessMs([...LAUNCHER, '--help']), 1);
	const helpPeer = await repeat(PEER_RUNS, () => wholeProcessMs([...FROM_SOURCES, '--help']));
	report({
		label: '`tandem --help`, whole process',
		runs: help,
		unit: 'ms',
		target: { value: HELP_TARGET_MS, better: 'lower' },
		peer: { label: 'from sources through tsx', value: median(helpPeer) },
		note: 'node scripts/tandem.mjs, compiled CLI'
	});

	// What typing `npm run --silent tandem -- --help` costs: npm's own start-up comes on top.
	const throughNpm = await repeat(
		runs,
		() => {
			const started = performance.now();
			const result = spawnSync('npm', ['run', '--silent', 'tandem', '--', '--help'], {
				cwd: repoRoot,
				encoding: 'utf8'
			});
			if (result.status !== 0) throw new Error(`npm run tandem failed: ${result.stderr}`);
			return performance.now() - started;
		},
		1
	);
	report({
		label: '`npm run --silent tandem -- --help`, whole process',
		runs: throughNpm,
		unit: 'ms',
		note: "npm's start-up included"
	});

	const work = mkdtempSync(join(tmpdir(), 'tandem-bench-cli-'));
	try {
		const env = { TANDEM_DB: join(work, 'tandem.db') };
		runTandem(['demo', 'setup', '--dir', await demoFolder(work)], env);
		runTandem(['demo', 'simulate-reads', '--study', 'demo-crossover'], env);
		const events = /(\d+) events/.exec(runTandem(['audit', 'verify'], env))?.[1] ?? '?';
		const verify = await repeat(
			runs,
			() => wholeProcessMs([...LAUNCHER, 'audit', 'verify'], env),
			1
		);
		const verifyPeer = await repeat(PEER_RUNS, () =>
			wholeProcessMs([...FROM_SOURCES, 'audit', 'verify'], env)
		);
		report({
			label: '`tandem audit verify` on the demo, whole process',
			runs: verify,
			unit: 'ms',
			target: { value: VERIFY_TARGET_MS, better: 'lower' },
			peer: { label: 'from sources through tsx', value: median(verifyPeer) },
			note: `CT demo with simulated reads, ${events} audit events`
		});
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
