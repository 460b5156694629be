// A full day at the workstation: switching the language mid-read keeps the view (slice, W/L,
// zoom, the answer so far); the AI overlay draws only the candidates the model reports, unlike the
// reader's own marks, and states the threshold as the model card does. Reader b2 only opens cases
// here and never submits, so the reading tests' readers stay unread.
import { expect, test } from '@playwright/test';
import { query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const READER = 'reader.b2@demo.example.org';

/** The reader's period-1 assignments in the CT demo study with their arm, image count and (once scored) the AI's call. */
async function assignmentsOf(email: string) {
	const rows = await query<{
		id: string;
		arm: string;
		images: number;
		score: number | null;
		manifest: string | null;
		output: string | null;
	}>(
		`SELECT a.public_id AS id, a.arm AS arm,
		   (SELECT count(*) FROM images i WHERE i.case_id = a.case_id) AS images,
		   r.score AS score, mo.manifest_json AS manifest, r.output_json AS output
		 FROM assignments a JOIN reading_sessions s ON s.id = a.session_id
		 JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id
		 JOIN studies st ON st.id = m.study_id
		 LEFT JOIN ai_results r ON r.case_id = a.case_id AND r.status = 'done'
		 LEFT JOIN ai_models mo ON mo.id = r.model_id
		 WHERE u.email = ? AND st.slug = 'demo-crossover' AND s.period = 1 AND s.session_index = 1
		 ORDER BY a.position`,
		email
	);
	// The model card's threshold, as stored in its manifest (JSON text on both databases).
	return rows.map(({ manifest, ...row }) => ({
		...row,
		threshold: manifest ? (JSON.parse(manifest) as { threshold: number }).threshold : NaN
	}));
}

test('switching the language mid-read keeps the slice, the W/L, the zoom and the answer', async ({
	page
}) => {
	test.setTimeout(90_000);
	const assignment = (await assignmentsOf(READER)).find((row) => row.images > 1);
	expect(assignment, 'a case with more than one image').toBeDefined();
	await signInReader(page, READER);
	await page.goto(`/read/${assignment!.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(assignment!.id);

	await page.keyboard.press('ArrowDown');
	await expect(page.getByTestId('slice')).toHaveText(`2 / ${assignment!.images}`);
	await workstation.drag('left', 90, -40);
	const window = page.getByTestId('window');
	await expect(window).not.toHaveAttribute('data-width', '400');
	await workstation.drag('right', 0, -60);
	await expect(page.getByTestId('readout')).not.toContainText('100 %');
	await page.keyboard.press('p');
	await expect(page.getByRole('button', { name: /^Present/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const before = {
		width: await window.getAttribute('data-width'),
		center: await window.getAttribute('data-center'),
		zoom: await page.getByTestId('zoom').textContent()
	};

	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByTestId('progress')).toHaveText(/^第 \d+ 例，共 \d+ 例$/);
	await workstation.waitUntilReading(assignment!.id);
	await expect(page.getByTestId('slice')).toHaveText(`2 / ${assignment!.images}`);
	await expect(window).toHaveAttribute('data-width', before.width!);
	await expect(window).toHaveAttribute('data-center', before.center!);
	await expect(page.getByTestId('zoom')).toHaveText(before.zoom!);
	await expect(page.getByRole('button', { name: /^存在/ })).toHaveAttribute('aria-pressed', 'true');
});

test('the aided read of a case the AI calls negative draws no box; a positive one draws a marked AI box with a legend', async ({
	page
}) => {
	test.setTimeout(90_000);
	// The server scores the demo cases in the background after it starts.
	await expect
		.poll(
			async () =>
				(await assignmentsOf(READER)).filter((row) => row.arm === 'aided' && row.score !== null)
					.length,
			{ timeout: 60_000 }
		)
		.toBe((await assignmentsOf(READER)).filter((row) => row.arm === 'aided').length);
	const aided = (await assignmentsOf(READER)).filter((row) => row.arm === 'aided');
	const negative = aided.find(
		(row) =>
			row.score! < row.threshold &&
			((JSON.parse(row.output!) as { boxes?: unknown[] }).boxes ?? []).length > 0
	);
	const positive = aided.find((row) => row.score! >= row.threshold);
	expect(negative, 'an aided case the AI calls negative, with a candidate stored').toBeDefined();
	expect(positive, 'an aided case the AI calls positive').toBeDefined();

	await signInReader(page, READER);
	const workstation = new Workstation(page);
	await page.goto(`/read/${negative!.id}`);
	await workstation.waitUntilReading(negative!.id);
	await expect(workstation.aiPanel).toHaveAttribute('data-status', 'done');
	await expect(workstation.aiPanel).toContainText('Negative');
	// The threshold as the model card states it (0.4451), not rounded to 0.45.
	await expect(workstation.aiPanel).toContainText(`threshold of ${negative!.threshold.toFixed(4)}`);
	await expect(page.getByTestId('ai-box')).toHaveCount(0);

	await page.goto(`/read/${positive!.id}`);
	await workstation.waitUntilReading(positive!.id);
	await expect(workstation.aiPanel).toContainText('Positive');
	await expect(workstation.aiPanel).toContainText(positive!.score!.toFixed(4));
	await expect(page.getByTestId('ai-legend')).toBeVisible();
	await expect(page.getByTestId('ai-legend')).toContainText('AI candidate');
	await expect(page.getByTestId('ai-legend')).toContainText('Your mark');

	// The AI's box and the reader's mark differ in colour and in shape.
	const box = page.getByTestId('ai-box');
	const slices = positive!.images;
	for (let index = 1; index < slices && (await box.count()) === 0; index += 1)
		await page.keyboard.press('ArrowDown');
	await expect(box).toHaveCount(1);
	await workstation.placeMark(-60, -60);
	await expect(workstation.marks).toHaveCount(1);
	const aiStroke = await box
		.locator('rect')
		.evaluate((element) => getComputedStyle(element).stroke);
	const markStroke = await workstation.marks
		.first()
		.evaluate((element) => getComputedStyle(element).stroke);
	expect(aiStroke).not.toBe(markStroke);
	expect(await workstation.marks.first().locator('circle').count()).toBe(1);
	expect(await box.locator('circle').count()).toBe(0);
	await expect(box).toContainText('AI');
});
