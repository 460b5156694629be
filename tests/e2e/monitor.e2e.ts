// The sponsor's live dashboard: counts move as a reader submits reads, without a reload.
import { expect, test } from '@playwright/test';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, query } from './database.fixture';
import { DEMO, signIn } from './session.fixture';

const READER = 'reader.c2@demo.example.org';

test('a sponsor watches the counts change while a reader submits reads', async ({
	page,
	browser
}) => {
	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/demo-crossover');
	await expect(page.getByText('live', { exact: true })).toBeVisible();
	const done = page.getByTestId('reads-done');
	const before = Number(await done.textContent());

	const readerContext = await browser.newContext();
	const reader = await readerContext.newPage();
	await signIn(reader, READER);
	for (const [index, assignment] of (
		await readerAssignmentIds(E2E_STORE, READER, {
			period: 1,
			unread: true,
			limit: 3
		})
	).entries()) {
		const response = await reader.request.post('/api/reads', {
			data: {
				assignment,
				clientId: `monitor-e2e-${index}`,
				decision: index % 2,
				confidence: 40 + index,
				readingTimeMs: 1000
			}
		});
		expect(response.status()).toBe(201);
		await expect(done).toHaveText(String(before + index + 1));
	}
	// 1-second reads are flagged as very short — without saying anything about correctness.
	await page.reload();
	await expect(page.getByRole('cell', { name: 'very short read' }).first()).toBeVisible();
	await readerContext.close();

	const body = await (await page.request.get('/monitor/demo-crossover/__data.json')).text();
	expect(body).not.toMatch(/truth|sensitivity|specificity|"auc"|decision|confidence/i);
});

test('the monitor raises a query on a read, the site coordinator answers, the monitor closes it', async ({
	page,
	browser
}) => {
	// The latest read of the CT demo study, whose monitor page raises the query.
	const [read] = await query<{ id: number }>(
		`SELECT max(r.id) AS id FROM reads r JOIN assignments a ON a.id = r.assignment_id
		 JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id
		 JOIN studies st ON st.id = m.study_id WHERE st.slug = 'demo-crossover'`
	);
	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/demo-crossover');
	await page.getByLabel('Target number').fill(String(read!.id));
	await page.getByLabel('Question').fill('This read took one second: please confirm.');
	await page.getByRole('button', { name: 'Raise query' }).click();
	await expect(
		page.getByRole('cell', { name: 'This read took one second: please confirm.' })
	).toBeVisible();

	const coordinatorContext = await browser.newContext();
	const coordinator = await coordinatorContext.newPage();
	await signIn(coordinator, 'coordinator.c@demo.example.org');
	await coordinator
		.getByLabel('Answer to query')
		.first()
		.fill('Confirmed with the reader: a scripted test read.');
	await coordinator.getByRole('button', { name: 'Answer' }).first().click();
	await expect(
		coordinator.getByText('Confirmed with the reader: a scripted test read.')
	).toBeVisible();
	await coordinatorContext.close();

	await page.reload();
	await page.getByRole('button', { name: 'Close' }).first().click();
	await expect(page.getByRole('cell', { name: 'closed' }).first()).toBeVisible();
});
