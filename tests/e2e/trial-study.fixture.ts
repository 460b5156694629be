// A small trial made at the shell for the browser tests that need one past its reads: the
// twelve-case fixture protocol under its own slug with the endpoints a test asks for, four
// readers over two sites, the demo's staff enrolled, the case set frozen and every read
// simulated; then lock, blind export, committed results and the released key, one step at a time
// so that a test can look at the pages in between. Signed steps are signed by the demo admin.
import { expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { ENV, query } from './database.fixture';
import { DEMO, DEMO_PASSWORD } from './session.fixture';

const SIGNED = ['--as', DEMO.admin, '--meaning', 'approved'];
const SIGNATURE_ENV = { TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD };

/** The CLI on the e2e database; a failing command fails the test with its stderr. */
export function e2eCli(args: string[], input?: string, env: Record<string, string> = {}): string {
	const run = runCli(args, { ...ENV, ...env }, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

export type StaffRole = 'statistician' | 'evaluator' | 'sponsor' | 'coordinator';

export interface TrialStudy {
	slug: string;
	/** Secondary endpoints as protocol flow mappings, e.g. "{ metric: sensitivity, … }". */
	secondary: string[];
	/** Staff of the demo enrolled besides the demo admin (the coordinator at site-a). */
	staff: readonly StaffRole[];
	seed: number;
}

/**
 * Loads the study with its readers and staff and simulates its reads, once per e2e database (a
 * worker restarted after a failure finds it made). Returns whether it was made now.
 */
export async function loadTrialStudy({
	slug,
	secondary,
	staff,
	seed
}: TrialStudy): Promise<boolean> {
	if ((await query('SELECT id FROM studies WHERE slug = ?', slug)).length > 0) return false;
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`).replace(
		'      alpha: 0.025\nai_model:',
		['      alpha: 0.025', '  secondary:', ...secondary.map((s) => `    - ${s}`), 'ai_model:'].join(
			'\n'
		)
	);
	e2eCli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	for (const [index, site] of ['site-a', 'site-b', 'site-a', 'site-b'].entries()) {
		const email = `${slug}.r${index + 1}@x.org`;
		e2eCli(
			['reader', 'enrol', '--study', slug, '--site', site, '--email', email, '--password-stdin'],
			'reader password 123'
		);
	}
	const member = (email: string, role: string, site: string[] = []) =>
		e2eCli([
			'user',
			'add',
			'--study',
			slug,
			...site,
			'--email',
			email,
			'--name',
			role,
			'--role',
			role
		]);
	member(DEMO.admin, 'admin');
	for (const role of staff)
		if (role === 'coordinator') member(DEMO.coordinatorA, role, ['--site', 'site-a']);
		else member(DEMO[role], role);
	e2eCli(
		[
			...['cases', 'freeze', '--study', slug, '--reason', 'test set checked'],
			...['--accept-warnings', ...SIGNED]
		],
		'',
		SIGNATURE_ENV
	);
	e2eCli(['demo', 'simulate-reads', '--study', slug, '--seed', String(seed)]);
	return true;
}

/** Locks the study, makes its blind export and registers the evaluator's results; the export's id. */
export async function lockExportAndCommit(slug: string): Promise<string> {
	const signature = SIGNATURE_ENV;
	e2eCli(['study', 'lock', '--study', slug, '--reason', 'all reads in', ...SIGNED], '', signature);
	const work = mkdtempSync(join(tmpdir(), `tandem-${slug}-`));
	e2eCli(['export', 'blind', '--study', slug, '--out', join(work, 'export')]);
	const [{ id }] = (await query<{ id: number }>(
		'SELECT e.id FROM blind_exports e JOIN studies s ON s.id = e.study_id WHERE s.slug = ?',
		slug
	)) as [{ id: number }];
	const exportId = String(id);
	e2eCli([
		'export',
		'register-results',
		'--study',
		slug,
		'--export',
		exportId,
		'--sha256',
		'c'.repeat(64)
	]);
	return exportId;
}

/** Releases the export's key (signed): the study is unblinded. */
export function releaseKey(slug: string, exportId: string): void {
	const out = join(mkdtempSync(join(tmpdir(), `tandem-${slug}-key-`)), 'key.json');
	e2eCli(
		[...['export', 'release-key', '--study', slug, '--export', exportId], '--out', out, ...SIGNED],
		'',
		SIGNATURE_ENV
	);
}
