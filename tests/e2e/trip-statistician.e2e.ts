// What a statistician checks on the analysis page of a small unblinded study (issue 16, items 1
// and 4): the p beside each decision is the declared test's (one-sided, against the bound it
// names, at the α it names), so Met ⇔ p < α; the two-sided p of no difference is its own column;
// and no subgroup interval of a difference of proportions leaves [−1, 1] without saying so.
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './session.fixture';
import { loadTrialStudy, lockExportAndCommit, releaseKey } from './trial-study.fixture';

const SLUG = 'statistician-study';
const STUDY = `/analysis/${SLUG}`;

/** "0.0123" or "< 0.0001" as a number (the latter just below 0.0001). */
const pOf = (text: string): number => (text.startsWith('<') ? 0.00009 : Number(text));
/** The limits of "0.052 (−0.809, 1.000)". */
function limitsOf(text: string): [number, number] | null {
	const match = /\((−?\d+\.\d+), (−?\d+\.\d+)\)/.exec(text);
	return match ? [Number(match[1]!.replace('−', '-')), Number(match[2]!.replace('−', '-'))] : null;
}

test('the p beside each decision is the declared test’s; subgroup intervals stay in [−1, 1]', async ({
	page
}) => {
	test.setTimeout(180_000);
	// The fixture protocol (AUC non-inferiority, margin 0.05) with the demo's secondary endpoints.
	await loadTrialStudy({
		slug: SLUG,
		secondary: [
			'{ metric: sensitivity, hypothesis: superiority, alpha: 0.025 }',
			'{ metric: specificity, hypothesis: non-inferiority, margin: 0.05, margin_justification: test margin, alpha: 0.025 }'
		],
		staff: ['statistician'],
		seed: 4
	});
	const exportId = await lockExportAndCommit(SLUG);

	// Blinded: the declared test's p is withheld with the decision; the two-sided p is shown.
	await signIn(page, DEMO.statistician);
	await page.goto(STUDY);
	const table = page.getByTestId('endpoint-table');
	await expect(table.locator('thead')).toContainText('p, Δ = 0 (two-sided)');
	await expect(table.locator('thead')).toContainText('p, declared test');
	await expect(table.getByTestId('declared-p').first()).toHaveText('withheld until unblinding');
	await expect(table.getByTestId('two-sided-p').first()).toHaveText(/^(< 0\.0001|\d\.\d{4})$/);

	releaseKey(SLUG, exportId);
	await page.goto(STUDY);
	await expect(table).toContainText('Reader with AI');
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	const labels: string[] = [];
	for (let index = 0; index < 3; index++) {
		const row = rows.nth(index);
		const declared = ((await row.getByTestId('declared-p').textContent()) ?? '')
			.replace(/\s+/g, ' ')
			.trim();
		const match =
			/^(< 0\.0001|\d\.\d{4}) one-sided p vs (−?\d+(?:\.\d+)?) \(α (\d+(?:\.\d+)?)\)$/.exec(
				declared
			);
		expect(match, `declared p cell: "${declared}"`).not.toBeNull();
		const [, p, bound, alpha] = match!;
		labels.push(bound!);
		const decision = ((await row.getByTestId('decision').textContent()) ?? '').trim();
		expect(decision, `p ${p} at α ${alpha}`).toBe(pOf(p!) < Number(alpha) ? 'Met' : 'Not met');
	}
	// AUC and specificity: non-inferiority against −δ; sensitivity: superiority against 0.
	expect(labels).toEqual(['−0.05', '0', '−0.05']);

	// Subgroups: every difference's limits within [−1, 1]; a truncated one says so and why.
	const subgroups = page.getByTestId('subgroup-table');
	for (const metric of ['auc', 'sensitivity', 'specificity']) {
		await page.getByLabel('Metric').selectOption(metric);
		const cells = await subgroups.locator('tbody tr td:last-child').allTextContents();
		expect(cells.length, metric).toBeGreaterThan(0);
		for (const cell of cells) {
			const limits = limitsOf(cell);
			if (!limits) continue;
			expect(limits[0], `${metric}: ${cell}`).toBeGreaterThanOrEqual(-1);
			expect(limits[1], `${metric}: ${cell}`).toBeLessThanOrEqual(1);
			if (limits[0] === -1 || limits[1] === 1)
				expect(cell, metric).toMatch(
					/95 % CI truncated to \[−1, 1\]: Hillis df \d+\.\d\d with \d+ readers/
				);
		}
	}
	await page.getByLabel('Metric').selectOption('auc');
	await expect(subgroups.getByTestId('truncated').first()).toHaveText(
		/^95 % CI truncated to \[−1, 1\]: Hillis df 1\.00 with 2 readers$/
	);

	// The report's endpoint table names the declared test's p the same way.
	const report = await (await page.request.get(`${STUDY}/report.html`)).text();
	expect(report).toContain('<th>p, declared test (one-sided)</th>');
	expect(report).toContain('<span class="small">one-sided p vs −0.05</span>');
});
