// Enrolment, schedules and the server-enforced washout, through the browser and the HTTP API.
import { expect, test } from '@playwright/test';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, query } from './database.fixture';
import { DEMO, DEMO_CT, signIn } from './session.fixture';

test('the coordinator sees their enrolled demo readers’ schedules and enrols another', async ({
	page
}) => {
	await signIn(page, DEMO.coordinatorA);
	const ctStudy = page
		.locator('section')
		.filter({ has: page.getByRole('heading', { level: 2, name: DEMO_CT.title }) });
	const table = ctStudy.getByRole('table').first();
	await expect(table.getByRole('cell', { name: 'Dr. Ada Reader' })).toBeVisible();
	await expect(table.getByRole('cell', { name: 'Dr. Ahmed Reader' })).toBeVisible();
	await expect(table.getByText('reading period 1').first()).toBeVisible();
	await expect(table.getByText('0/120').first()).toBeVisible();

	await ctStudy.getByText('Enrol a reader at site-a').click();
	await ctStudy.getByLabel('E-mail').fill('new.reader@demo.example.org');
	await ctStudy.getByLabel('Full name').fill('Dr. New Reader');
	await ctStudy.getByLabel('Years of experience').fill('7');
	await ctStudy.getByLabel('Specialty').fill('thoracic radiology');
	await ctStudy.getByRole('button', { name: 'Enrol and invite' }).click();
	await expect(ctStudy.getByRole('status')).toHaveText('new.reader@demo.example.org enrolled.');
	await expect(table.getByRole('cell', { name: 'Dr. New Reader' })).toBeVisible();
	const [enrolment] = await query<{ code: string; years: number }>(
		"SELECT reader_code AS code, years_experience AS years FROM reader_enrolments WHERE reader_code = 'R07'"
	);
	expect(enrolment).toEqual({ code: 'R07', years: 7 });
	expect(
		(
			await query<{ n: number }>(
				"SELECT count(*) AS n FROM assignments a JOIN reading_sessions s ON s.id = a.session_id JOIN reader_enrolments e ON e.membership_id = s.membership_id WHERE e.reader_code = 'R07'"
			)
		)[0]!.n
	).toBe(240);
});

test('a period-2 read before the washout is refused by the server, and the refusal is audited', async ({
	page
}) => {
	await signIn(page, DEMO.readerB1);
	await expect(page.getByText('after period 1 and the washout').first()).toBeVisible();
	const [assignment] = await readerAssignmentIds(E2E_STORE, DEMO.readerB1, {
		period: 2,
		limit: 1
	});
	const response = await page.request.post('/api/reads', {
		data: { assignment: assignment!, clientId: 'e2e-washout-0001', decision: 1, confidence: 80 }
	});
	expect(response.status()).toBe(409);
	expect((await response.json()).message).toMatch(/^Period 2 opens after the washout/);
	// The refusal is audited once its transaction is over, possibly after the answer.
	const [reader] = await query<{ id: number }>(
		'SELECT id FROM users WHERE email = ?',
		DEMO.readerB1
	);
	await expect
		.poll(async () =>
			(
				await query<{ actor: string }>(
					"SELECT actor FROM audit_events WHERE action = 'read.refused_session_closed'"
				)
			).map((row) => row.actor)
		)
		.toContain(`user:${reader!.id} <${DEMO.readerB1}>`);
	const readsOfB1 = async () =>
		(
			await query<{ n: number }>(
				'SELECT count(*) AS n FROM reads r JOIN assignments a ON a.id = r.assignment_id JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id WHERE u.email = ?',
				DEMO.readerB1
			)
		)[0]!.n;
	expect(await readsOfB1()).toBe(0);

	// The same reader's period-1 read goes through, once, however often it is retried.
	const [open] = await readerAssignmentIds(E2E_STORE, DEMO.readerB1, { period: 1, limit: 1 });
	const read = {
		assignment: open!,
		clientId: 'e2e-period1-0001',
		decision: 0,
		confidence: 30,
		readingTimeMs: 20_000
	};
	expect((await page.request.post('/api/reads', { data: read })).status()).toBe(201);
	expect((await page.request.post('/api/reads', { data: read })).status()).toBe(200);
	expect(await readsOfB1()).toBe(1);
});

test('a reader cannot post a read to another reader’s assignment, nor read the allocation', async ({
	page
}) => {
	await signIn(page, DEMO.readerA1);
	const [theirs] = await readerAssignmentIds(E2E_STORE, DEMO.readerB1, { period: 1, limit: 1 });
	const response = await page.request.post('/api/reads', {
		data: { assignment: theirs!, clientId: 'e2e-steal-0001', decision: 1, confidence: 99 }
	});
	expect(response.status()).toBe(404);
	expect((await page.request.get('/admin/studies/demo-crossover')).status()).toBe(403);
});

test('the admin sees the randomization record and balanced allocation tables', async ({ page }) => {
	await signIn(page, DEMO.admin);
	await page.goto('/admin/studies/demo-crossover');
	await expect(page.getByRole('heading', { name: 'Randomization and allocation' })).toBeVisible();
	await expect(page.getByText('pcg32-fnv1a64-splitmix64/v1')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Readers by site and sequence' })).toBeVisible();
});
