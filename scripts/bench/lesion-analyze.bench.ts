// Benchmark of `tandem analyze --truth` on a large lesion-level study: 20 readers × 2 arms ×
// 2,000 cases (half diseased, 1–3 lesions each, weights equal), marks from a seeded search
// model (each lesion found with a reader- and arm-dependent probability and rated higher than
// the NLs, a Poisson number of NLs per case). Times the whole CLI process (spawned: start-up,
// both CSVs parsed, wAFROC OR analysis with the jackknife, JSON out) and the analysis alone, and
// puts RJafroc 2.1.3's time on FED beside it, scaled by its O(readers · modalities · K · K1 · K2)
// refits (an extrapolation, said so). Run: `npx tsx scripts/bench/lesion-analyze.bench.ts`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../src/lib/stats/input/lesion-csv';
import { analyzeLesionStudy } from '../../src/lib/stats/lesion/analyze-lesions';
import { reportToJsonText } from '../../src/lib/stats/output/analysis-json';
import { createRandom } from '../../src/lib/stats/random';
import { compiledCli } from '../cli-launch.mjs';

const READERS = 20;
const ARMS = ['unaided', 'aided'];
const CASES = 2000;
const SEED = 2026;
const TARGET_MS = 1000;
/** RJafroc 2.1.3, wAFROC OR jackknife on FED (4 readers × 5 modalities, K1 = K2 = 100), seconds. */
const RJAFROC_FED_SECONDS = 2.87;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
	const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-lesions-'));
	try {
		const { truth, marks } = generateLesionStudy();
		const truthPath = join(directory, 'lesions.csv');
		const marksPath = join(directory, 'marks.csv');
		writeFileSync(truthPath, truth);
		writeFileSync(marksPath, marks);
		const markCount = marks.split('\n').length - 2;
		await compiledCli(); // the command line as users run it, compiled before the clock starts
		const started = performance.now();
		const result = spawnSync(
			process.execPath,
			[
				'scripts/tandem.mjs',
				'analyze',
				'--input',
				marksPath,
				'--truth',
				truthPath,
				'--format',
				'json'
			],
			{ cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
		);
		const wholeMs = performance.now() - started;
		if (result.status !== 0) throw new Error(`tandem analyze failed: ${result.stderr}`);
		const inside = [0, 1, 2]
			.map(() => {
				const begun = performance.now();
				const study = parseLesionMarksCsv(marks, parseLesionTruthCsv(truth));
				reportToJsonText(
					analyzeLesionStudy(study, { fom: 'wafroc', method: 'or', covariance: 'jackknife' })
				);
				return performance.now() - begun;
			})
			.sort((a, b) => a - b)[1] as number;
		const scale =
			(READERS * ARMS.length * CASES * (CASES / 2) * (CASES / 2)) / (4 * 5 * 200 * 100 * 100);
		const rjafrocSeconds = RJAFROC_FED_SECONDS * scale;
		console.log(
			`tandem analyze --truth: ${READERS} readers × ${ARMS.length} arms × ${CASES} cases (${CASES / 2} diseased, 1–3 lesions each), ${markCount} marks, wAFROC, OR with jackknife covariance`
		);
		console.log(`whole process (start-up, parsing, analysis, JSON): ${wholeMs.toFixed(0)} ms`);
		console.log(
			`inside the process (parse + analyse + JSON, median of 3): ${inside.toFixed(0)} ms`
		);
		console.log(
			`target whole process < ${TARGET_MS} ms: ${wholeMs < TARGET_MS ? 'met' : 'NOT met'} (${(wholeMs / TARGET_MS).toFixed(2)} × target)`
		);
		console.log(
			`RJafroc 2.1.3 took ${RJAFROC_FED_SECONDS} s on FED; its jackknife refits every figure per left-out case, O(I·J·K·K1·K2): scaled to this size ≈ ${(rjafrocSeconds / 3600).toFixed(1)} h (an extrapolation, not a run) — ≈ ${Math.round((rjafrocSeconds * 1000) / wholeMs).toLocaleString('en')} × the whole process`
		);
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	run().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
