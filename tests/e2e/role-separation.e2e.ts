// Issue 14 #1, #2, #10 through the forms, posted as the wrong role: a coordinator cannot make an
// existing account a reader, nor enrol after the lock; only the evaluator registers the results
// hash; and each refusal leaves an audit row, as does the route guard's and a reader's 404.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV, query } from './database.fixture';
import { DEMO, DEMO_PASSWORD, signIn } from './session.fixture';

const STUDY = 'roles-study';
const COORDINATOR = 'roles.coordinator@x.org';
const PASSWORD = 'roles password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

interface ActionResult {
	type: string;
	status?: number;
	/** devalue-encoded; the message text appears in it as written. */
	data?: string;
}

/** Posts a form action as the page's signed-in user, as the browser's enhanced form does. */
async function postAction(
	page: Page,
	path: string,
	fields: Record<string, string>
): Promise<ActionResult> {
	const response = await page.request.post(path, {
		form: fields,
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	return (await response.json()) as ActionResult;
}

const userId = async (email: string) =>
	(await query<{ id: number }>('SELECT id FROM users WHERE email = ?', email))[0]!.id;

/**
 * The refusals audited for the account, oldest first. A refusal is audited once its transaction is
 * over, possibly after the answer: read them with expect.poll.
 */
async function refusalsBy(
	email: string
): Promise<Array<{ attempted: string; reason: string; via?: string }>> {
	return (
		await query<{ after: string; reason: string }>(
			"SELECT after_json AS after, reason FROM audit_events WHERE action = 'access.refused' AND actor_user_id = ? ORDER BY seq",
			await userId(email)
		)
	).map((row) => ({ ...JSON.parse(row.after), reason: row.reason }));
}

const enrolFields = (study: string, email: string, password = '') => ({
	study,
	site: 'site-a',
	email,
	name: 'Somebody',
	password,
	years: '',
	specialty: '',
	training: ''
});

test.describe.configure({ mode: 'serial' });

/** A second, locked study with a blind export, made at the shell as an operator would. */
let exportId = 0;
test.beforeAll(async () => {
	test.setTimeout(120_000);
	cli([
		'study',
		'load',
		makeStudyFolder(twelveCaseOptions(FIXTURE_YAML.replace('slug: mini-study', `slug: ${STUDY}`)))
	]);
	for (const [email, site] of [
		['roles.r1@x.org', 'site-a'],
		['roles.r2@x.org', 'site-b']
	] as const)
		cli(
			['reader', 'enrol', '--study', STUDY, '--site', site, '--email', email, '--password-stdin'],
			PASSWORD
		);
	cli(
		[
			'user',
			'add',
			'--study',
			STUDY,
			'--site',
			'site-a',
			'--email',
			COORDINATOR,
			'--name',
			'Roles Coordinator',
			'--role',
			'coordinator',
			'--password-stdin'
		],
		PASSWORD
	);
	for (const [email, role] of [
		[DEMO.admin, 'admin'],
		[DEMO.statistician, 'statistician'],
		[DEMO.evaluator, 'evaluator']
	] as const)
		cli(['user', 'add', '--study', STUDY, '--email', email, '--name', role, '--role', role]);
	cli(['demo', 'simulate-reads', '--study', STUDY, '--seed', '7']);
	const locked = runCli(
		[
			...['study', 'lock', '--study', STUDY, '--reason', 'all reads in'],
			...['--as', DEMO.admin, '--meaning', 'approved']
		],
		{ ...ENV, TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD }
	);
	expect(locked.status, locked.stderr).toBe(0);
	cli([
		'export',
		'blind',
		'--study',
		STUDY,
		'--out',
		join(mkdtempSync(join(tmpdir(), 'tandem-roles-')), 'export')
	]);
	[{ id: exportId }] = (await query<{ id: number }>(
		'SELECT e.id FROM blind_exports e JOIN studies s ON s.id = e.study_id WHERE s.slug = ?',
		STUDY
	)) as [{ id: number }];
});

test('a coordinator cannot make an existing account a reader (not even their own)', async ({
	page
}) => {
	await signIn(page, DEMO.coordinatorA);
	// New readers are invited (the form has no password): an existing address is refused alike.
	for (const email of [DEMO.statistician, DEMO.sponsor, DEMO.coordinatorA]) {
		const result = await postAction(page, '/site?/enrol', enrolFields('demo-crossover', email));
		expect(result, email).toMatchObject({ type: 'failure', status: 403 });
		expect(result.data).toContain('A coordinator enrols new accounts only');
	}
	expect(
		await query(
			"SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'reader' AND u.email IN (?, ?, ?)",
			DEMO.statistician,
			DEMO.sponsor,
			DEMO.coordinatorA
		)
	).toEqual([]);
	// Each refusal is in the audit: who, what, through which request, why.
	await expect
		.poll(async () =>
			(await refusalsBy(DEMO.coordinatorA)).filter((row) => row.via === 'POST /site?/enrol')
		)
		.toEqual(
			Array.from({ length: 3 }, () =>
				expect.objectContaining({
					attempted: 'membership.create',
					via: 'POST /site?/enrol',
					reason:
						'A coordinator enrols new accounts only: ask the study admin to give an existing account a role.'
				})
			)
		);
});

test('after the lock a coordinator cannot enrol', async ({ page }) => {
	await signIn(page, COORDINATOR, PASSWORD);
	const late = await postAction(page, '/site?/enrol', enrolFields(STUDY, 'roles.late@x.org'));
	expect(late).toMatchObject({ type: 'failure', status: 409 });
	expect(late.data).toContain(
		'The study database is locked: adding a reader or coordinator to the study is no longer possible.'
	);
	expect(await query('SELECT id FROM users WHERE email = ?', 'roles.late@x.org')).toEqual([]);
});

test('only the evaluator registers the results hash', async ({ page }) => {
	// The statistician posts the evaluator's form: refused, nothing registered, refusal audited.
	await signIn(page, DEMO.statistician);
	await page.goto(`/analysis/${STUDY}`);
	await expect(page.getByRole('button', { name: 'Register results' })).toHaveCount(0);
	const byStatistician = await postAction(page, `/analysis/${STUDY}?/register`, {
		export: String(exportId),
		sha256: 'a'.repeat(64)
	});
	expect(byStatistician).toMatchObject({ type: 'failure', status: 403 });
	const registered = async () =>
		(
			await query<{ sha: string | null }>(
				'SELECT results_sha256 AS sha FROM blind_exports WHERE id = ?',
				exportId
			)
		)[0]!.sha;
	expect(await registered()).toBeNull();
	await expect
		.poll(async () => (await refusalsBy(DEMO.statistician)).at(-1))
		.toMatchObject({
			attempted: 'export.register_results',
			via: `POST /analysis/${STUDY}?/register`
		});

	// The evaluator's own registration goes through, and the admin may then release the key.
	await page.context().clearCookies();
	await signIn(page, DEMO.evaluator);
	await page.goto(`/analysis/${STUDY}`);
	const byEvaluator = await postAction(page, `/analysis/${STUDY}?/register`, {
		export: String(exportId),
		sha256: 'b'.repeat(64)
	});
	expect(byEvaluator).toMatchObject({ type: 'success' });
	expect(await registered()).toBe('b'.repeat(64));
	await page.context().clearCookies();
	await signIn(page, DEMO.admin);
	await page.goto(`/analysis/${STUDY}`);
	expect(
		await postAction(page, `/analysis/${STUDY}?/release`, {
			export: String(exportId),
			meaning: 'approved',
			password: DEMO_PASSWORD,
			confirm: 'yes'
		})
	).toMatchObject({ type: 'success' });
});

test('the route guard’s refusals and a reader’s 404 on another’s assignment are audited', async ({
	page
}) => {
	// (Someone with no refusals of their own this minute: role-probe.e2e.ts floods the sponsor's.)
	await signIn(page, DEMO.evaluator);
	expect((await page.request.get('/admin/studies')).status()).toBe(403);
	await expect
		.poll(async () => (await refusalsBy(DEMO.evaluator)).at(-1))
		.toEqual({
			attempted: 'GET /admin/studies',
			status: 403,
			roles: ['evaluator'],
			reason: 'Your role does not give access to this page.'
		});

	await page.context().clearCookies();
	await signIn(page, DEMO.readerA1);
	const [theirs] = await readerAssignmentIds(E2E_STORE, DEMO.readerB1, { period: 1, limit: 1 });
	const response = await page.request.post('/api/reads', {
		data: { assignment: theirs!, clientId: 'e2e-roles-0001', decision: 1, confidence: 99 }
	});
	expect(response.status()).toBe(404);
	await expect
		.poll(async () => (await refusalsBy(DEMO.readerA1)).at(-1))
		.toEqual({
			attempted: 'POST /api/reads',
			status: 404,
			reason: 'No such assignment.'
		});
});
