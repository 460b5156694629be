// From last read to unblinded analysis in the app (SEC-3, STAT, #8 blinding): an admin locks,
// the statistician makes the blind export and sees the analysis under codes, the evaluator
// commits their results, the admin releases the key; the sponsor sees no efficacy before and
// the analysis after. The lock, the key release and the report's sign-off are electronically
// signed: password again and a meaning, refused with a wrong password; the signatures then show on
// the page and in the report's annex. A second demo study (12 cases, simulated reads) keeps the
// main demo open.
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { ENV } from './database.fixture';
import { DEMO, DEMO_PASSWORD, signIn } from './session.fixture';

const STUDY = '/analysis/mini-study';
const EFFICACY = ['"auc"', '"sensitivity"', '"specificity"', '"accuracy"', '"truth"'];

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

async function signOutAndIn(page: Page, email: string): Promise<void> {
	await page.context().clearCookies();
	await signIn(page, email);
}

test.describe.configure({ mode: 'serial' });

test('lock, blind export, blinded analysis, commit, unblind; the sponsor sees the analysis only after', async ({
	page
}) => {
	test.setTimeout(120_000);
	const yaml = FIXTURE_YAML.replace(
		'      alpha: 0.025\nai_model:',
		[
			'      alpha: 0.025',
			'  secondary:',
			'    - { metric: reading_time, hypothesis: superiority, alpha: 0.025 }',
			'ai_model:'
		].join('\n')
	);
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	for (const [email, site] of [
		['mini.r1@x.org', 'site-a'],
		['mini.r2@x.org', 'site-b'],
		['mini.r3@x.org', 'site-a'],
		['mini.r4@x.org', 'site-b']
	]) {
		cli(
			[
				'reader',
				'enrol',
				'--study',
				'mini-study',
				'--site',
				site!,
				'--email',
				email!,
				'--name',
				`Mini ${email}`,
				'--password-stdin'
			],
			'reader password 123'
		);
	}
	for (const [email, role] of [
		[DEMO.admin, 'admin'],
		[DEMO.statistician, 'statistician'],
		[DEMO.evaluator, 'evaluator'],
		[DEMO.sponsor, 'sponsor']
	]) {
		cli([
			'user',
			'add',
			'--study',
			'mini-study',
			'--email',
			email!,
			'--name',
			role!,
			'--role',
			role!
		]);
	}
	cli(['demo', 'simulate-reads', '--study', 'mini-study', '--seed', '4']);

	// The sponsor, before anything: the pipeline, no figures.
	await signIn(page, DEMO.sponsor);
	await page.goto(STUDY);
	await expect(page.getByText('The analysis opens when the database is locked.')).toBeVisible();
	expect((await page.request.get(`${STUDY}/report.html`)).status()).toBe(403);

	// Admin locks from the app, signing: their password again and the meaning of the signature.
	await signOutAndIn(page, DEMO.admin);
	await page.goto(STUDY);
	const lockForm = page.getByTestId('signature-lock');
	await expect(lockForm).toContainText(
		'By signing I confirm that the reading of Mini study for tests is complete'
	);
	await page.getByLabel('Reason').fill('last read in, data cleaned');
	await lockForm.getByLabel('Meaning of your signature').selectOption('responsible');
	// Not undoable: the lock asks for an explicit confirmation naming the study.
	await lockForm.getByLabel('I confirm: lock Mini study for tests now').check();
	// Without the password the browser does not send the form; with a wrong one nothing is locked.
	await page.getByRole('button', { name: 'Lock the database' }).click();
	await expect(page.getByText(/Locked \d{4}-/)).toHaveCount(0);
	await lockForm.getByLabel('Your password').fill('not the password');
	await page.getByRole('button', { name: 'Lock the database' }).click();
	await expect(page.getByText('The password is not right: nothing was signed.')).toBeVisible();
	await expect(page.getByText(/Locked \d{4}-/)).toHaveCount(0);
	await lockForm.getByLabel('Your password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Lock the database' }).click();
	await expect(page.getByText(/Locked \d{4}-\d\d-\d\d/)).toBeVisible();
	await expect(page.getByText(/^Signed by Alex Admin \(Responsible for\), \d{4}-/)).toBeVisible();
	const signatures = page.getByTestId('signatures');
	await expect(signatures.locator('tbody tr')).toHaveCount(1);
	await expect(signatures.locator('tbody tr').first()).toContainText(
		/^Alex Admin\s*admin\s*Responsible for\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*Database lock \(fingerprint\)/
	);
	const fingerprint = (await page.locator('.hash code').first().textContent())!.trim();
	await expect(signatures.locator('code').first()).toHaveAttribute('title', fingerprint);
	await page.goto('/admin/studies/mini-study');
	await expect(page.getByTestId('signatures')).toContainText(
		/Alex Admin\s*admin\s*Responsible for.*Database lock \(fingerprint\)/
	);

	// The statistician makes the blind export and sees the analysis under codes, no decision.
	await signOutAndIn(page, DEMO.statistician);
	await page.goto(STUDY);
	await page.getByRole('button', { name: 'Create a blind export' }).click();
	await expect(page.getByTestId('blinded-banner')).toBeVisible();
	await expect(page.getByText('Export 1,')).toBeVisible();
	const table = page.getByTestId('endpoint-table');
	await expect(table).toContainText(/MOD-[0-9A-F]{6}/);
	await expect(table).toContainText('withheld until unblinding');
	await expect(table).not.toContainText(/Reader with AI|Reader alone/);
	const blindDifference = (await page.getByTestId('difference-auc').textContent())!.trim();
	// The export's files can be downloaded; the report renders as PDF.
	await page
		.getByText(/\d+ files/)
		.first()
		.click();
	const readsCsv = await page.request.get(`${STUDY}/exports/1/reads.csv`);
	expect(readsCsv.status()).toBe(200);
	expect(await readsCsv.text()).toMatch(
		/^reader,modality,case,truth,rating,decision,time_ms,period,sequence\nRDR-/
	);
	expect(
		(await page.request.get(`${STUDY}/exports/1/peer-formats/rjafroc-roc.xlsx`)).status()
	).toBe(200);
	const pdf = await page.request.get(`${STUDY}/report.pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	// Tables sort: AUC ascending puts the lowest first.
	const readerTable = page.getByTestId('reader-table');
	await readerTable.getByRole('button', { name: /^AUC/ }).click();
	const aucs = (await readerTable.locator('tbody tr td:last-child').allTextContents()).map((text) =>
		Number(text.split(' ')[0])
	);
	expect(aucs.length, 'rows to sort').toBeGreaterThanOrEqual(2);
	expect(
		aucs.every((auc) => auc >= 0 && auc <= 1),
		aucs.join(' ')
	).toBe(true);
	expect(aucs).toEqual([...aucs].sort((a, b) => a - b));
	await page.getByTestId('stratum-filter').selectOption('vendor');
	await expect(page.getByTestId('subgroup-table').locator('tbody tr')).toHaveCount(3);
	// The statistician signs off the blinded report; its annex lists the signatures.
	await page.locator('summary', { hasText: 'Report sign-off' }).click();
	const signOff = page.getByTestId('signature-sign-off');
	await signOff.getByLabel('Meaning of your signature').selectOption('authored');
	await signOff.getByLabel('Your password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign the report' }).click();
	await expect(page.getByTestId('signatures').locator('tbody tr')).toHaveCount(2);
	const annex = await (await page.request.get(`${STUDY}/report.html`)).text();
	expect(annex).toContain('<td>Alex Admin</td><td>admin</td><td>Responsible for</td>');
	expect(annex).toContain(
		`<td>Database lock (its fingerprint)</td><td><code>${fingerprint}</code>`
	);
	expect(annex).toMatch(
		/<td>Stella Statistician<\/td><td>statistician<\/td><td>Authored<\/td><td>[^<]+<\/td><td>This report, on export 1 \(its content SHA-256\)<\/td>/
	);
	// The report in the other language, from the link beside the downloads, and in the interface's
	// language by default; both sign-off hashes are the same: the hash is over the data.
	const zhLink = page.getByRole('link', { name: 'HTML', exact: true });
	expect(await zhLink.getAttribute('href')).toMatch(/\/report\.html\?lang=zh$/);
	const zhAnnex = await (await page.request.get(`${STUDY}/report.html?lang=zh`)).text();
	expect(zhAnnex).toContain('<html lang="zh-CN">');
	expect(zhAnnex).toMatch(/<td>Stella Statistician<\/td><td>统计师<\/td><td>编写<\/td>/);
	const contentHash = (html: string) =>
		/<code>([0-9a-f]{64})<\/code>。<\/p>|signs: <code>([0-9a-f]{64})<\/code>/
			.exec(html)
			?.slice(1)
			.find(Boolean);
	expect(contentHash(zhAnnex)).toBeDefined();
	expect(contentHash(zhAnnex)).toBe(contentHash(annex));
	expect((await page.request.get(`${STUDY}/report.html?lang=fr`)).status()).toBe(400);
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: new URL(page.url()).origin }]);
	const inInterfaceLanguage = await page.request.get(`${STUDY}/report.html`);
	expect(inInterfaceLanguage.headers()['content-language']).toBe('zh-CN');
	expect(await inInterfaceLanguage.text()).toContain('<h1>性能验证报告</h1>');
	await page.goto(STUDY);
	expect(await page.getByRole('link', { name: 'HTML', exact: true }).getAttribute('href')).toMatch(
		/\/report\.html\?lang=en$/
	);
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: new URL(page.url()).origin }]);

	// The evaluator commits a hash of their results.
	await signOutAndIn(page, DEMO.evaluator);
	await page.goto(STUDY);
	await page.getByLabel('SHA-256 of your results file').fill('c'.repeat(64));
	await page.getByRole('button', { name: 'Register results' }).click();
	await expect(page.getByText(/SHA-256 of the results registered/)).toBeVisible();

	// The sponsor, locked and exported but still blinded: no efficacy anywhere.
	await signOutAndIn(page, DEMO.sponsor);
	const sealed = await page.request.get(`${STUDY}/__data.json`);
	for (const marker of EFFICACY) expect((await sealed.text()).toLowerCase()).not.toContain(marker);
	expect((await page.request.get(`${STUDY}/report.pdf`)).status()).toBe(403);
	expect((await page.request.get(`${STUDY}/exports/1/reads.csv`)).status()).toBe(403);

	// The admin releases the key: unblinding is recorded.
	await signOutAndIn(page, DEMO.admin);
	await page.goto(STUDY);
	const releaseForm = page.getByTestId('signature-release');
	await releaseForm.getByLabel('Meaning of your signature').selectOption('approved');
	await releaseForm.getByLabel('Your password').fill(DEMO_PASSWORD);
	await releaseForm.getByLabel('I confirm: release the code key of Mini study for tests').check();
	await page.getByRole('button', { name: 'Release the key and unblind' }).click();
	await expect(page.getByText(/Unblinded \d{4}-/)).toBeVisible();
	await expect(page.getByText(/^Signed by Alex Admin \(Approved\)/)).toBeVisible();

	// Now the sponsor sees the analysis with the arms named and the decisions, same numbers.
	await signOutAndIn(page, DEMO.sponsor);
	await page.goto(STUDY);
	const open = page.getByTestId('endpoint-table');
	await expect(open).toContainText('Reader with AI');
	await expect(open).toContainText(/\bMet\b|Not met/);
	const openDifference = (await page.getByTestId('difference-auc').textContent())!.trim();
	// Blind, the arms were in code order; unblinded they are aided − unaided: same magnitude.
	expect(openDifference.replace(/[−-]/g, '').split(' ')[0]).toBe(
		blindDifference.replace(/[−-]/g, '').split(' ')[0]
	);
	const data = (await (await page.request.get(`${STUDY}/__data.json`)).text()).toLowerCase();
	expect(data).toContain('"auc"');
	await page.goto('/monitor/mini-study');
	await expect(page.getByText(/Unblinded on .*the analysis is open/)).toBeVisible();
});
