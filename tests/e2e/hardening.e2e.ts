// The web app's hardening, as a browser and a raw client see it: after signing in, `next` never
// leads off the site; encoded spellings of a guarded path do not get past the guard; every
// response carries the security headers.
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './session.fixture';

// `next` as it stands in the login page's address (the guard writes it percent-encoded).
const HOSTILE_NEXT = [
	encodeURIComponent('/\\evil.example'),
	'/%09/evil.example',
	'/%0d%0aSet-Cookie:%20x=1'
];

for (const next of HOSTILE_NEXT) {
	test(`signing in with next=${next} ends on this site`, async ({ page, baseURL }) => {
		await page.goto(`/login?next=${next}`, { waitUntil: 'networkidle' });
		await page.getByLabel('E-mail').fill(DEMO.sponsor);
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
		expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
		await expect(page).toHaveURL('/monitor');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trial progress');
	});
}

test('a same-site next is followed after signing in', async ({ page }) => {
	await page.goto('/monitor/demo-crossover');
	await expect(page).toHaveURL(/\/login\?next=%2Fmonitor%2Fdemo-crossover$/);
	await page.getByLabel('E-mail').fill(DEMO.sponsor);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/monitor/demo-crossover');
});

test('encoded spellings of the admin area do not show a sponsor the admin pages', async ({
	page,
	baseURL
}) => {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mail').fill(DEMO.sponsor);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/monitor');
	const plain = await page.request.get('/admin/studies', { maxRedirects: 0 });
	expect(plain.status()).toBe(403);
	// page.request does not canonicalise the path as the browser's address bar would.
	for (const path of [
		'/%61dmin/studies',
		'/%61dmin/studies/demo-crossover',
		'/adm%69n/studies',
		'//admin/studies',
		'/ADMIN/studies',
		'/admin/%2e%2e/admin/studies',
		'/admin%2Fstudies'
	]) {
		const response = await page.request.get(`${baseURL}${path}`, { maxRedirects: 0 });
		expect([403, 404], path).toContain(response.status());
		expect(await response.text(), path).not.toContain('Studies you administer');
	}
});

test('pages, endpoints and errors carry the security headers; no HSTS over plain http', async ({
	page,
	request
}) => {
	const login = await request.get('/login');
	const csp = login.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("default-src 'self'");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	// Cornerstone decodes in web workers and WebAssembly; nothing else may evaluate code.
	expect(csp).toMatch(/worker-src 'self' blob:/);
	expect(csp).toContain("'wasm-unsafe-eval'");
	expect(csp).not.toContain("'unsafe-eval'");

	await signIn(page, DEMO.sponsor);
	const responses = [
		login,
		await page.request.get('/monitor'),
		await page.request.get('/nowhere'),
		// An endpoint that refuses (the report is the statistician's before unblinding).
		await page.request.get('/analysis/demo-crossover/report.html')
	];
	expect(responses.map((response) => response.status())).toEqual([200, 200, 404, 403]);
	for (const response of responses) {
		const headers = response.headers();
		expect(headers['x-content-type-options'], response.url()).toBe('nosniff');
		expect(headers['referrer-policy'], response.url()).toBe('same-origin');
		expect(headers['content-security-policy'], response.url()).toContain("frame-ancestors 'none'");
		expect(headers['strict-transport-security'], response.url()).toBeUndefined();
	}
});
