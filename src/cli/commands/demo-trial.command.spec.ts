// The end of a trial on the demo study's own protocol, cases and truth (its images are not needed:
// the copy declares them imported): simulated reads by six readers at three sites, lock, blind
// export, verify, one altered byte, `tandem analyze` on the export, the in-app analysis and the
// report — the same numbers everywhere.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { cliSigner } from '$fixtures/signer.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { trialAnalysisFor } from '../../lib/server/analysis/trial-analysis.service';

const DEMO = 'studies/demo-crossover';

function demoProtocolCopy(work: string): string {
	const dir = join(work, 'demo-crossover');
	for (const file of ['study.yaml', 'cases.csv', 'truth.csv'])
		cpSync(join(DEMO, file), join(dir, file));
	const yaml = readFileSync(join(dir, 'study.yaml'), 'utf8');
	// No image is imported, so the case set cannot be frozen: the copy reads before the freeze.
	const copy = yaml
		.replace('cases:\n  file: cases.csv\n', 'cases:\n  file: cases.csv\n  images_from: import\n')
		.replace('reading:\n', 'reading:\n  before_freeze: true\n');
	if (!copy.includes('before_freeze')) throw new Error('demo study.yaml changed: no reading block');
	writeFileSync(join(dir, 'study.yaml'), copy);
	return dir;
}

describe('the demo trial from reads to report', () => {
	it('simulates, locks, exports, verifies, catches a flipped byte, and analyses to the same numbers in analyze, app and report', async () => {
		const work = mkdtempSync(join(tmpdir(), 'tandem-demo-trial-'));
		const { env, db } = await commandDatabase(join(work, 'tandem.db'));
		const cli = (args: string[], input?: string) => {
			const run = runCli(args, env, input);
			expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
			return run.stdout;
		};
		cli(['study', 'load', demoProtocolCopy(work)]);
		for (const site of ['site-a', 'site-b', 'site-c']) {
			for (const n of [1, 2])
				cli(
					[
						'reader',
						'enrol',
						'--study',
						'demo-crossover',
						'--site',
						site,
						'--email',
						`r${n}@${site}.org`,
						'--name',
						`Reader ${n} ${site}`,
						'--password-stdin'
					],
					'reader password 123'
				);
		}
		expect(
			cli(['demo', 'simulate-reads', '--study', 'demo-crossover', '--seed', '20261123'])
		).toMatch(/1440 simulated reads by 6 readers/);
		const signing = cliSigner(env, 'demo-crossover');
		const locked = runCli(
			['study', 'lock', '--study', 'demo-crossover', '--reason', 'last read in', ...signing.flags],
			signing.env
		);
		expect(locked.status, locked.stderr).toBe(0);
		const out = join(work, 'export');
		cli(['export', 'blind', '--study', 'demo-crossover', '--out', out]);
		expect(cli(['export', 'verify', out])).toMatch(
			/^export intact: signature valid, \d+ files match the manifest\n$/
		);

		// The statistician analyses the export blind, with the codes as they are.
		const analyze = (fom: string) =>
			JSON.parse(
				cli(['analyze', '--input', join(out, 'reads.csv'), '--fom', fom, '--format', 'json'])
			);
		const auc = analyze('auc');
		expect(auc.design).toMatchObject({ cases: 120, readers: expect.any(Array) });
		expect(auc.design.readers).toHaveLength(6);

		// The in-app analysis (blinded: codes in natural order) and the report give the same figures.
		const view = await trialAnalysisFor(db, operatorPrincipal(), 'demo-crossover');
		// Both read second code − first code (test − reference), and analyze says so.
		const [diff] = auc.rrrc.diffs;
		const [first, second] = auc.design.modalities; // natural order
		expect(auc.orientation).toMatchObject({ test: second, reference: first });
		expect(diff).toMatchObject({ modality_a: second, modality_b: first });
		const inApp = view.analysis.endpoints[0] as {
			rrrc: { estimate: number; ciLower: number; ciUpper: number; pTwoSided: number };
		};
		expect(inApp.rrrc.estimate).toBe(diff.estimate);
		expect(inApp.rrrc.ciUpper).toBe(diff.ci_upper);
		expect(inApp.rrrc.pTwoSided).toBe(diff.p);
		expect(auc.hypothesis_tests.tests[0].estimate).toBe(diff.estimate);
		const sensitivity = analyze('sensitivity').rrrc.diffs[0];
		expect((view.analysis.endpoints[1] as { rrrc: { estimate: number } }).rrrc.estimate + 0).toBe(
			sensitivity.estimate + 0
		);
		cli(['report', '--study', 'demo-crossover', '--out', join(work, 'report')]);
		const report = JSON.parse(readFileSync(join(work, 'report', 'analysis.json'), 'utf8'));
		expect(report.analysis.endpoints[0].rrrc).toMatchObject({
			estimate: inApp.rrrc.estimate,
			ciLower: inApp.rrrc.ciLower,
			ciUpper: inApp.rrrc.ciUpper,
			pTwoSided: inApp.rrrc.pTwoSided
		});
		// The report's analysis.json and analyze's JSON are both pilots for `tandem power`.
		writeFileSync(join(work, 'analyze-auc.json'), JSON.stringify(auc));
		const sizing = ['--effect', '0.05', '--readers', '4,8', '--format', 'json'];
		const fromReport = JSON.parse(
			cli(['power', '--pilot', join(work, 'report', 'analysis.json'), ...sizing])
		);
		const fromAnalyze = JSON.parse(
			cli(['power', '--pilot', join(work, 'analyze-auc.json'), ...sizing])
		);
		expect(fromReport.pilot).toEqual(fromAnalyze.pilot);
		expect(fromReport.table).toEqual(fromAnalyze.table);

		// The simulated readers gain from the AI: the coded arms differ, and the export says which is which only after unblinding.
		expect(Math.abs(inApp.rrrc.estimate)).toBeGreaterThan(0.01);

		// One byte changed in the truth: verification fails naming the file.
		const truth = readFileSync(join(out, 'truth.csv'));
		truth[truth.length - 2] = truth[truth.length - 2] === 0x31 ? 0x30 : 0x31;
		writeFileSync(join(out, 'truth.csv'), truth);
		const broken = runCli(['export', 'verify', out], env);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toBe(
			'export NOT intact: truth.csv: SHA-256 differs from the manifest (file altered)\n'
		);
	}, 120_000);
});
