// Signing in as a demo account (password fixed by TANDEM_DEMO_PASSWORD in playwright.config.ts).
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-e2e-password';

export const DEMO = {
	admin: 'admin@demo.example.org',
	sponsor: 'sponsor@demo.example.org',
	coordinatorA: 'coordinator.a@demo.example.org',
	coordinatorB: 'coordinator.b@demo.example.org',
	readerA1: 'reader.a1@demo.example.org',
	readerB1: 'reader.b1@demo.example.org',
	statistician: 'statistician@demo.example.org',
	evaluator: 'evaluator@demo.example.org',
	/** The reference-standard demo's truth makers (studies/demo-reference-standard). */
	annotator1: 'annotator.1@demo.example.org',
	annotator2: 'annotator.2@demo.example.org',
	adjudicator: 'adjudicator@demo.example.org'
} as const;

/**
 * The CT demo study (studies/demo-crossover). The demo accounts are enrolled in the mammography
 * demo study too, so pages listing a person's studies show one section each.
 */
export const DEMO_CT = {
	slug: 'demo-crossover',
	title: 'Demo crossover reader study — lesion detection on synthetic CT phantoms'
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
}
