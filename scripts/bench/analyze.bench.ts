// Benchmark of `tandem analyze` on a large study: 20 readers × 2 modalities × 10,000 cases
// (400,000 reads). Generates the reads with a seeded binormal model, writes them to a temp
// CSV, then times the whole CLI process (spawned: start-up, CSV parsing, analysis, JSON
// output) for OR jackknife, OR DeLong and DBM, and prints the ratio to the R packages
// (MRMCaov took 96 s with its fastest covariance and 23 min with the jackknife on this
// size). Run: `npx tsx scripts/bench/analyze.bench.ts` (or via `npm run bench`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStudy, type AnalysisOptions } from '../../src/lib/stats/analyze';
import { parseLongCsv } from '../../src/lib/stats/input/long-csv';
import { createRandom } from '../../src/lib/stats/random';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';

const READERS = 20;
const MODALITIES = ['unaided', 'aided'];
const CASES = 10_000;
const PREVALENCE = 0.3;
const SEED = 2026;
const R_SECONDS = { fastest: 96, jackknife: 23 * 60 };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Binormal reads: latent = separation·truth + case effect + modality×case effect + noise,
 * rounded to a 0–100 integer scale (so ties occur, as with real confidence ratings).
 */
export function generateReadsCsv(readers = READERS, cases = CASES, seed = SEED): string {
	const random = createRandom(seed);
	const separation = [1.2, 1.4];
	const truth = Array.from({ length: cases }, () => (random.nextFloat() < PREVALENCE ? 1 : 0));
	const caseEffect = Array.from({ length: cases }, () => 0.6 * random.nextNormal());
	const lines = ['reader,modality,case,truth,rating,time_ms'];
	MODALITIES.forEach((modality, m) => {
		const modalityCase = Array.from({ length: cases }, () => 0.4 * random.nextNormal());
		for (let j = 1; j <= readers; j++) {
			const readerShift = 0.2 * random.nextNormal();
			for (let k = 0; k < cases; k++) {
				const t = truth[k] as number;
				const latent =
					(separation[m] as number) * t +
					(caseEffect[k] as number) +
					(modalityCase[k] as number) +
					readerShift +
					0.7 * random.nextNormal();
				const rating = Math.min(100, Math.max(0, Math.round(50 + 15 * latent)));
				const timeMs = Math.round(1000 * Math.exp(3 - 0.1 * m + 0.3 * random.nextNormal()));
				lines.push(`r${j},${modality},c${k + 1},${t},${rating},${timeMs}`);
			}
		}
	});
	return `${lines.join('\n')}\n`;
}

function timeCli(csvPath: string, args: string[]): { ms: number; ok: boolean; stderr: string } {
	const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
	const started = performance.now();
	const result = spawnSync(
		process.execPath,
		[tsxCli, 'src/cli/main.ts', 'analyze', '--input', csvPath, '--format', 'json', ...args],
		{
			cwd: repoRoot,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		}
	);
	const ms = performance.now() - started;
	return { ms, ok: result.status === 0, stderr: result.stderr };
}

/** In-process time of parse + analyse + JSON (median of three), without process start-up. */
function timeInProcess(csv: string, options: AnalysisOptions): number {
	const times = [0, 1, 2].map(() => {
		const started = performance.now();
		reportToJsonText(analyzeStudy(parseLongCsv(csv), options));
		return performance.now() - started;
	});
	return times.sort((a, b) => a - b)[1] as number;
}

export async function run(): Promise<void> {
	const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
	const csvPath = join(directory, 'reads.csv');
	try {
		const csv = generateReadsCsv();
		writeFileSync(csvPath, csv);
		const startedHelp = performance.now();
		spawnSync(
			process.execPath,
			[createRequire(import.meta.url).resolve('tsx/cli'), 'src/cli/main.ts', '--help'],
			{ cwd: repoRoot }
		);
		const startupMs = performance.now() - startedHelp;
		const runs: Array<[string, string[], number, AnalysisOptions]> = [
			[
				'OR, jackknife',
				['--method', 'or', '--covariance', 'jackknife'],
				R_SECONDS.jackknife,
				{ fom: 'auc', method: 'or', covariance: 'jackknife' }
			],
			[
				'OR, DeLong',
				['--method', 'or', '--covariance', 'delong'],
				R_SECONDS.fastest,
				{ fom: 'auc', method: 'or', covariance: 'delong' }
			],
			[
				'DBM (jackknife)',
				['--method', 'dbm', '--covariance', 'jackknife'],
				R_SECONDS.jackknife,
				{ fom: 'auc', method: 'dbm', covariance: 'jackknife' }
			]
		];
		console.log(
			`tandem analyze: ${READERS} readers × ${MODALITIES.length} modalities × ${CASES} cases (${READERS * MODALITIES.length * CASES} reads, with time_ms)`
		);
		for (const [label, args, rSeconds, options] of runs) {
			const timing = timeCli(csvPath, args);
			if (!timing.ok) throw new Error(`${label} failed: ${timing.stderr}`);
			const ratio = (rSeconds * 1000) / timing.ms;
			const inProcess = timeInProcess(csv, options);
			console.log(
				`${label.padEnd(16)} process ${timing.ms.toFixed(0).padStart(5)} ms, in-process ${inProcess.toFixed(0).padStart(4)} ms  (R: ${rSeconds} s → ${ratio.toFixed(0)}× faster)`
			);
		}
		console.log(
			`(every figure includes process start-up: \`tandem --help\` alone takes ${startupMs.toFixed(0)} ms)`
		);
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	run().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
