// Benchmark of `tandem analyze --truth` on a large lesion-level study: 20 readers × 2 arms ×
// 2,000 cases (half diseased, 1–3 lesions each, weights equal), marks from a seeded search
// model (each lesion found with a reader- and arm-dependent probability and rated higher than
// the NLs, a Poisson number of NLs per case). Times the whole CLI process as users run it
// (scripts/tandem.mjs: start-up, both CSVs parsed, wAFROC OR analysis with the jackknife, JSON
// out) over several runs after a warm-up, and the split inside it (each run a fresh process), and
// puts RJafroc 2.1.3's time on FED beside it, scaled by its O(readers · modalities · K · K1 · K2)
// refits (an extrapolation, said so). Run: `npx tsx scripts/bench/lesion-analyze.bench.ts`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCsvBytes } from '../../src/lib/stats/input/csv-bytes';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../src/lib/stats/input/lesion-csv';
import { analyzeLesionStudy } from '../../src/lib/stats/lesion/analyze-lesions';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';
import { createRandom } from '../../src/lib/stats/random';
import { printSplit, splitRuns, reportSplits, wholeProcessSeconds } from './analyze-timing';
import { machine, report, runCount } from './bench-kit';

const READERS = 20;
const ARMS = ['unaided', 'aided'];
const CASES = 2000;
const SEED = 2026;
const TARGET_SECONDS = 1;
/** RJafroc 2.1.3, wAFROC OR jackknife on FED (4 readers × 5 modalities, K1 = K2 = 100), seconds. */
const RJAFROC_FED_SECONDS = 2.87;

const benchFile = fileURLToPath(import.meta.url);

export function generateLesionStudy(seed = SEED): { truth: string; marks: string } {
	const random = createRandom(seed);
	const truthLines = ['case,lesion,weight'];
	const lesions: number[] = [];
	for (let k = 0; k < CASES; k++) {
		const count = k % 2 === 0 ? 0 : 1 + Math.floor(random.nextFloat() * 3);
		lesions.push(count);
		if (count === 0) truthLines.push(`c${k + 1},0,0`);
		for (let l = 1; l <= count; l++) truthLines.push(`c${k + 1},${l},${1 / count}`);
	}
	const markLines = ['reader,modality,case,lesion,rating'];
	ARMS.forEach((arm, m) => {
		for (let j = 1; j <= READERS; j++) {
			const skill = 0.55 + 0.1 * m + 0.05 * random.nextNormal();
			for (let k = 0; k < CASES; k++) {
				// NLs: Poisson(0.6) by inversion, rated low.
				let nl = 0;
				for (let p = Math.exp(-0.6), u = random.nextFloat(), f = p; u > f; nl++) {
					p *= 0.6 / (nl + 1);
					f += p;
				}
				for (let i = 0; i < nl; i++)
					markLines.push(`r${j},${arm},c${k + 1},0,${1 + Math.floor(random.nextFloat() * 60)}`);
				for (let l = 1; l <= (lesions[k] as number); l++) {
					if (random.nextFloat() > skill) continue;
					const rating = Math.min(100, Math.max(1, Math.round(60 + 20 * random.nextNormal())));
					markLines.push(`r${j},${arm},c${k + 1},${l},${rating}`);
				}
			}
		}
	});
	return { truth: `${truthLines.join('\n')}\n`, marks: `${markLines.join('\n')}\n` };
}

export async function run(): Promise<void> {
	console.log(machine());
	const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-lesions-'));
	const runs = runCount(5);
	try {
		const { truth, marks } = generateLesionStudy();
		const truthPath = join(directory, 'lesions.csv');
		const marksPath = join(directory, 'marks.csv');
		writeFileSync(truthPath, truth);
		writeFileSync(marksPath, marks);
		const markCount = marks.split('\n').length - 2;
		console.log(
			`tandem analyze --truth: ${READERS} readers × ${ARMS.length} arms × ${CASES} cases (${CASES / 2} diseased, 1–3 lesions each), ${markCount} marks, wAFROC, OR with jackknife covariance; ${runs} runs after a warm-up`
		);
		const whole = await wholeProcessSeconds(
			['--input', marksPath, '--truth', truthPath, '--format', 'json'],
			runs
		);
		const splits = await splitRuns(benchFile, [marksPath, truthPath], runs);
		const scale =
			(READERS * ARMS.length * CASES * (CASES / 2) * (CASES / 2)) / (4 * 5 * 200 * 100 * 100);
		const rjafrocSeconds = RJAFROC_FED_SECONDS * scale;
		report({
			label: 'tandem analyze --truth, wAFROC OR jackknife, 20 × 2 × 2,000: whole process',
			runs: whole,
			unit: 's',
			target: { value: TARGET_SECONDS, better: 'lower' },
			peer: { label: 'RJafroc, scaled from FED (an extrapolation)', value: rjafrocSeconds },
			note: 'spawned compiled CLI: start-up, both CSVs parsed, analysis, JSON'
		});
		reportSplits('tandem analyze --truth, wAFROC', splits);
		console.log(
			`RJafroc 2.1.3 took ${RJAFROC_FED_SECONDS} s on FED; its jackknife refits every figure per left-out case, O(I·J·K·K1·K2): scaled to this size ≈ ${(rjafrocSeconds / 3600).toFixed(1)} h (an extrapolation, not a run)`
		);
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

/** In a fresh process (splitRuns): read, parse, analyse and write JSON once, as the CLI does. */
function split(marksPath: string, truthPath: string): void {
	printSplit({
		parse: () =>
			parseLesionMarksCsv(
				decodeCsvBytes(readFileSync(marksPath)),
				parseLesionTruthCsv(decodeCsvBytes(readFileSync(truthPath)))
			),
		analyse: (study) =>
			analyzeLesionStudy(study, { fom: 'wafroc', method: 'or', covariance: 'jackknife' }),
		json: (analysis) => reportToJsonText(analysis)
	});
}

if (process.argv[1] && resolve(process.argv[1]) === benchFile) {
	if (process.argv[2] === '--split') split(process.argv[3] as string, process.argv[4] as string);
	else
		run().catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
}
