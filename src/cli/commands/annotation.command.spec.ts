// `tandem user add --role annotator|adjudicator --years N` and `tandem annotation assign|status`
// as an operator runs them, on a study whose truth is made in Tandem (no truth.csv).
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { referenceStandardYaml } from '$fixtures/reference-standard-study.fixture';
import type { ReferenceStandardReport } from '../../lib/domain/reference-standard-report';

describe('tandem annotation', () => {
	it('adds qualified annotators, refuses an under-qualified one, assigns and reports', async () => {
		const { env } = await freshCommandDatabase('tandem-annotation-');
		const dir = makeStudyFolder({ yaml: referenceStandardYaml() });
		rmSync(join(dir, 'truth.csv'));
		expect(runCli(['study', 'load', dir], env).status).toBe(0);
		const add = (email: string, role: string, years: string, ...more: string[]) =>
			runCli(
				[
					...['user', 'add', '--email', email, '--name', email.split('@')[0]!, '--role', role],
					...['--study', 'mini-study', '--years', years, '--password-stdin', ...more]
				],
				env,
				'long enough password\n'
			);
		const junior = add('junior@x.org', 'annotator', '2');
		expect(junior.status).toBe(1);
		expect(junior.stderr).toContain(
			'2 years of experience is below the 3 years the protocol of "mini-study" asks of an annotator (reference_standard.min_years)'
		);
		expect(
			add('ann@x.org', 'annotator', '5', '--licence', 'GMC 1', '--specialty', 'chest').stdout
		).toBe('ann@x.org: created account, role annotator in mini-study\n');
		expect(add('bea@x.org', 'annotator', '4').status).toBe(0);
		expect(add('adj@x.org', 'adjudicator', '12').status).toBe(0);
		const assign = runCli(['annotation', 'assign', '--study', 'mini-study'], env);
		expect(assign.stdout).toBe(
			'mini-study: 8 annotation task(s) created; 4 case(s) assigned over 2 annotator(s) (seed 42:annotation)\n'
		);
		const status = runCli(['annotation', 'status', '--study', 'mini-study'], env);
		expect(status.stdout).toContain('cases 4: annotations 0/8, waiting 4');
		expect(status.stdout).toContain('QC: sample not drawn');
		const json = JSON.parse(
			runCli(['annotation', 'status', '--study', 'mini-study', '--json'], env).stdout
		) as ReferenceStandardReport;
		expect(json.annotators.map((row) => [row.email, row.assigned])).toEqual([
			['ann@x.org', 4],
			['bea@x.org', 4]
		]);
		const draw = runCli(['annotation', 'qc-draw', '--study', 'mini-study'], env);
		expect(draw.status).toBe(1);
		expect(draw.stderr).toContain('4 case(s) of "mini-study" have no truth yet');
	});
});
