// Timing `tandem analyze` as users run it, for the analysis benchmarks: the whole process spawned
// through the launcher (scripts/tandem.mjs: the command line compiled ahead of time), and the split
// of the time inside it (read + parse, analysis, JSON), each run in a fresh process so the code is
// as cold as in the command itself (a warmed-up loop in the benchmark's own process would flatter it).
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCli } from '../cli-launch.mjs';
import { median, repeat, report } from './bench-kit';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Milliseconds spent inside one process on each step. */
export interface Split {
	parse: number;
	analysis: number;
	json: number;
}

/** Seconds of each of `count` whole `tandem analyze …args` processes, after one discarded warm-up. */
export async function wholeProcessSeconds(args: string[], count: number): Promise<number[]> {
	await compiledCli(); // compiled (if it must be) before the clock starts
	return repeat(
		count,
		() => {
			const started = performance.now();
			const result = spawnSync(process.execPath, ['scripts/tandem.mjs', 'analyze', ...args], {
				cwd: repoRoot,
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024
			});
			const seconds = (performance.now() - started) / 1000;
			if (result.status !== 0) throw new Error(`tandem analyze failed: ${result.stderr}`);
			return seconds;
		},
		1
	);
}

/**
 * The split of `count` runs (after one discarded), each in a fresh process: `benchFile`, compiled
 * by esbuild as the command line is (cli-build.mjs: ES module, node20, packages external), run as
 * `--split …args`, prints one line of JSON, a Split.
 */
export async function splitRuns(
	benchFile: string,
	args: string[],
	count: number
): Promise<Split[]> {
	const { build } = await import('esbuild');
	const compiled = join(repoRoot, 'build', 'bench', `${basename(benchFile, '.ts')}.mjs`);
	await build({
		entryPoints: [benchFile],
		outfile: compiled,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning'
	});
	const splits: Split[] = [];
	await repeat(
		count,
		(run) => {
			const result = spawnSync(process.execPath, [compiled, '--split', ...args], {
				cwd: repoRoot,
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024
			});
			if (result.status !== 0) throw new Error(`in-process timing failed: ${result.stderr}`);
			if (run >= 0) splits.push(JSON.parse(result.stdout.trim().split('\n').at(-1) as string));
			return 0;
		},
		1
	);
	return splits;
}

/** In the child: time the three steps once and print them for splitRuns. */
export function printSplit<Study, Report>(steps: {
	parse: () => Study;
	analyse: (study: Study) => Report;
	json: (report: Report) => string;
}): void {
	let started = performance.now();
	const study = steps.parse();
	const parse = performance.now() - started;
	started = performance.now();
	const report = steps.analyse(study);
	const analysis = performance.now() - started;
	started = performance.now();
	steps.json(report);
	const json = performance.now() - started;
	console.log(JSON.stringify({ parse, analysis, json } satisfies Split));
}

/** "parse 61 ms + analysis 48 ms + JSON 1 ms" from the medians of the runs. */
export function splitText(splits: Split[]): string {
	const at = (key: keyof Split) => median(splits.map((split) => split[key])).toFixed(0);
	return `parse ${at('parse')} ms + analysis ${at('analysis')} ms + JSON ${at('json')} ms (medians)`;
}

/** Each step's time inside the process as a figure of its own ("<label>: parse inside the process"), then the line of medians. */
export function reportSplits(label: string, splits: Split[]): void {
	for (const [key, step] of [
		['parse', 'read + parse'],
		['analysis', 'analysis'],
		['json', 'JSON']
	] as const)
		report({
			label: `${label}: ${step} inside the process`,
			runs: splits.map((split) => split[key]),
			unit: 'ms',
			note: 'fresh process per run'
		});
	console.log(`  inside the process: ${splitText(splits)}`);
}
