// Benchmark of `tandem analyze` on a large study: 20 readers × 2 modalities × 10,000 cases
// (400,000 reads, with reading times, so the reading-time analysis runs too). Generates the reads
// with a seeded binormal model and writes them to a temp CSV; then, for OR jackknife, OR DeLong and
// DBM, times the whole CLI process as users run it (scripts/tandem.mjs, the command compiled ahead
// of time: start-up, reading and parsing the CSV, analysis, JSON out) over several runs after a
// warm-up, and the split inside the process (read + parse, analysis, JSON), each run in a fresh
// process. Peers: the R package MRMCaov took 96 s with its fastest covariance and 23 min with the
// jackknife on this size (measured once on a workstation; R was not rerun here). Run:
// `npx tsx scripts/bench/analyze.bench.ts` (or via `npm run bench`); BENCH_RUNS sets the runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStudy, type AnalysisOptions } from '../../src/lib/stats/analyze';
import { parseLongCsvBytes } from '../../src/lib/stats/input/long-csv';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';
import { createRandom } from '../../src/lib/stats/random';
import { printSplit, splitRuns, reportSplits, wholeProcessSeconds } from './analyze-timing';
import { machine, report, runCount } from './bench-kit';

const READERS = 20;
const MODALITIES = ['unaided', 'aided'];
const CASES = 10_000;
const PREVALENCE = 0.3;
const SEED = 2026;
/** MRMCaov (R) on this size, seconds: its fastest covariance, and the jackknife. */
const R_SECONDS = { fastest: 96, jackknife: 23 * 60 };
const TARGET_SECONDS = 0.5;
const benchFile = fileURLToPath(import.meta.url);

interface Analysis {
	label: string;
	flags: string[];
	options: AnalysisOptions;
	peer: { label: string; value: number };
}

const ANALYSES: Analysis[] = [
	{
		label: 'OR, jackknife',
		flags: ['--method', 'or', '--covariance', 'jackknife'],
		options: { fom: 'auc', method: 'or', covariance: 'jackknife' },
		peer: { label: 'MRMCaov, jackknife', value: R_SECONDS.jackknife }
	},
	{
		label: 'OR, DeLong',
		flags: ['--method', 'or', '--covariance', 'delong'],
		options: { fom: 'auc', method: 'or', covariance: 'delong' },
		peer: { label: 'MRMCaov, fastest covariance', value: R_SECONDS.fastest }
	},
	{
		label: 'DBM (jackknife)',
		flags: ['--method', 'dbm', '--covariance', 'jackknife'],
		options: { fom: 'auc', method: 'dbm', covariance: 'jackknife' },
		peer: { label: 'MRMCaov, jackknife', value: R_SECONDS.jackknife }
	}
];

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

export async function run(): Promise<void> {
	console.log(machine());
	const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
	const csvPath = join(directory, 'reads.csv');
	const runs = runCount(5);
	try {
		writeFileSync(csvPath, generateReadsCsv());
		console.log(
			`tandem analyze: ${READERS} readers × ${MODALITIES.length} modalities × ${CASES} cases (${READERS * MODALITIES.length * CASES} reads, with time_ms), ${runs} runs after a warm-up`
		);
		for (const { label, flags, peer, options } of ANALYSES) {
			const whole = await wholeProcessSeconds(
				['--input', csvPath, '--format', 'json', ...flags],
				runs
			);
			const splits = await splitRuns(benchFile, [csvPath, JSON.stringify(options)], runs);
			report({
				label: `tandem analyze, ${label}, 400,000 reads: whole process`,
				runs: whole,
				unit: 's',
				target: { value: TARGET_SECONDS, better: 'lower' },
				peer,
				note: 'spawned compiled CLI: start-up, parse, analysis, JSON'
			});
			reportSplits(`tandem analyze, ${label}`, splits);
		}
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

/** In a fresh process (splitRuns): read, parse, analyse and write JSON once, as the CLI does. */
function split(csvPath: string, options: AnalysisOptions): void {
	printSplit({
		parse: () => parseLongCsvBytes(readFileSync(csvPath)),
		analyse: (study) => analyzeStudy(study, options),
		json: (analysis) => reportToJsonText(analysis)
	});
}

if (process.argv[1] && resolve(process.argv[1]) === benchFile) {
	if (process.argv[2] === '--split')
		split(process.argv[3] as string, JSON.parse(process.argv[4] as string) as AnalysisOptions);
	else
		run().catch((error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		});
}
