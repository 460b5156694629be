// The AI's outputs sealed with the reads: the lock's fingerprint and the blind export cover them,
// an independent evaluator reproduces the AI's standalone figures from the export alone, and a
// score altered after the lock — in the database or in the exported file — fails both
// verifications, naming the case and the row.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { lockedCliStudy } from '$fixtures/locked-cli-study.fixture';
import { sqlRun } from '$fixtures/sql.fixture';
import { dropTrigger } from '$fixtures/audit-attack.fixture';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { evaluateStandalone } from '../../lib/server/ai/standalone-evaluation.service';

describe('the AI outputs sealed by the lock and the blind export', () => {
	it('exports them coded, reproduces the standalone figures, and both verifications name an altered score', async () => {
		const { work, env, db } = await lockedCliStudy('tandem-seal-');
		expect(runCli(['study', 'verify-lock', '--study', 'mini-study'], env).stdout).toMatch(
			// protocol, 12 images, 12 truths, 72 reads, the model, 12 outputs
			/^mini-study: lock intact, fingerprint [0-9a-f]{64} \(recipe 2, 110 items\)\n$/
		);
		const out = join(work, 'export');
		expect(runCli(['export', 'blind', '--study', 'mini-study', '--out', out], env).status).toBe(0);
		expect(runCli(['export', 'verify', out], env).stdout).toBe(
			'export intact: signature valid, 14 files match the manifest\n'
		);

		// Coded: no real case id, the failure's error names the case by its code.
		const aiCsv = readFileSync(join(out, 'ai-outputs.csv'), 'utf8');
		const lines = aiCsv.trimEnd().split('\n');
		expect(lines[0]).toBe(
			'case,model,model_version,model_sha256,status,score,threshold,failure_rule,call,attempts,error,output_sha256,input_sha256,candidates'
		);
		expect(lines).toHaveLength(13);
		expect(aiCsv).not.toMatch(/\bK\d+\b/);
		const failed = lines.filter((line) => line.includes(',failed,'));
		expect(failed).toHaveLength(1);
		const failedCode = failed[0]!.split(',')[0]!;
		expect(failed[0]).toMatch(
			new RegExp(
				`^${failedCode},demo-model,1,(ab)+,failed,,0.5,negative,0,3,cannot decode ${failedCode}/001.dcm: truncated pixel data,,d+\\d,0$`
			)
		);
		const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
		expect(manifest.aiModel).toEqual({
			name: 'demo-model',
			version: '1',
			sha256: 'ab'.repeat(32),
			threshold: 0.5,
			failureRule: 'negative'
		});
		expect(Object.keys(manifest.rowSha256['ai-outputs.csv'])).toHaveLength(12);

		// The evaluator's figures from the folder alone are those of the analysis page / report.
		const run = runCli(
			['analyze', '--ai', join(out, 'ai-outputs.csv'), '--truth', join(out, 'truth.csv')].concat([
				'--format',
				'json'
			]),
			env
		);
		expect(run.stderr).toBe('');
		const reproduced = JSON.parse(run.stdout);
		const inApp = (await evaluateStandalone(db, operatorPrincipal(), 'mini-study')).overall;
		expect(reproduced).toMatchObject({
			cases: 12,
			positive: 6,
			failed: 1,
			// The export lists the cases in code order: DeLong's sums run in another order, so the
			// interval agrees to rounding, not to the last bit.
			auc: {
				estimate: inApp.auc!.auc,
				ci_lower: expect.closeTo(inApp.auc!.ciLower, 12),
				ci_upper: expect.closeTo(inApp.auc!.ciUpper, 12)
			},
			sensitivity: {
				estimate: inApp.binary.sensitivity!.estimate,
				ci_lower: inApp.binary.sensitivity!.ciLower
			},
			specificity: {
				estimate: inApp.binary.specificity!.estimate,
				ci_upper: inApp.binary.specificity!.ciUpper
			}
		});

		// An attacker with the database: the trigger refuses, so they drop it first.
		const alter = () =>
			sqlRun(
				db,
				"UPDATE ai_results SET score = 0.99 WHERE case_id = (SELECT id FROM cases WHERE case_key = 'K5')"
			);
		await expect(alter()).rejects.toThrow('the study is locked: its AI results are sealed');
		await dropTrigger(db, 'ai_results_no_update_after_lock', 'ai_results');
		expect(await alter()).toBe(1);
		const lockCheck = runCli(['study', 'verify-lock', '--study', 'mini-study'], env);
		expect(lockCheck.status).toBe(1);
		expect(lockCheck.stderr).toMatch(
			/^mini-study: lock NOT intact \(fingerprint [0-9a-f]{64}, now [0-9a-f]{64}\):\n {2}AI output of case K5: changed since the lock\n$/
		);

		// A new export of the altered data is refused, naming the change.
		expect(
			runCli(['export', 'blind', '--study', 'mini-study', '--out', join(work, 'again')], env).stderr
		).toContain(
			'mini-study: the lock does not verify, so nothing is exported — AI output of case K5: changed since the lock.'
		);

		// …and one with the exported folder: the score of one row changed.
		const rowIndex = lines.findIndex((line, index) => index > 0 && line.includes(',done,'));
		const cells = lines[rowIndex]!.split(',');
		cells[5] = cells[5] === '0.99' ? '0.98' : '0.99';
		lines[rowIndex] = cells.join(',');
		writeFileSync(join(out, 'ai-outputs.csv'), `${lines.join('\n')}\n`);
		const exportCheck = runCli(['export', 'verify', out], env);
		expect(exportCheck.status).toBe(1);
		expect(exportCheck.stderr).toBe(
			`export NOT intact: ai-outputs.csv: SHA-256 differs from the manifest (file altered): row ${rowIndex + 1} (case ${cells[0]}) differs from the sealed row\n`
		);
	}, 180_000);
});
