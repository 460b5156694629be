// Interface languages: English by default, simplified Chinese from the top bar's switcher (kept in
// a cookie, so it survives a reload and a sign-in) or from the browser's languages. Reader b2
// only opens a case here and never submits, so the reading tests' readers stay unread.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './session.fixture';

const READER = 'reader.b2@demo.example.org';

async function localeCookie(page: Page): Promise<string | undefined> {
	return (await page.context().cookies()).find((cookie) => cookie.name === 'PARAGLIDE_LOCALE')
		?.value;
}

/** Console messages that would mean the server and the browser rendered different languages. */
function watchHydration(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (/hydrat/i.test(message.text())) problems.push(message.text());
	});
	return problems;
}

test('a reader switches to Chinese on the login page, signs in, reads in Chinese after a reload, and switches back', async ({
	page
}) => {
	test.setTimeout(60_000);
	const hydration = watchHydration(page);
	await page.goto('/login', { waitUntil: 'networkidle' });
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	expect(await localeCookie(page)).toBe('zh-CN');
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');

	// Signed in through the Chinese form: its labels are the Chinese ones.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('电子邮箱').fill(READER);
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await expect(page.getByLabel('电子邮箱')).toHaveValue(READER);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL('/read');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的阅片任务');
	await expect(page.getByRole('navigation').getByRole('link', { name: '阅片任务' })).toBeVisible();
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
	await expect(page.getByRole('columnheader', { name: '轮次' }).first()).toBeVisible();

	// The reading workstation (rendered in the browser only) is in Chinese too.
	await page.goto('/read/next?study=demo-crossover');
	await expect(page).toHaveURL(/\/read\/[^/?]+$/);
	await expect(page.getByTestId('progress')).toHaveText(/^第 \d+ 例，共 \d+ 例$/);
	await expect(page.getByRole('button', { name: /^提交阅片/ })).toBeDisabled();
	await expect(page.getByRole('button', { name: /^存在/ })).toBeVisible();
	await expect(
		page.getByRole('toolbar', { name: '阅片器' }).getByRole('button', { name: /反相/ })
	).toBeVisible();
	await expect(page.getByTestId('submit-missing')).toHaveText(
		'提交前请选择存在或不存在（P / N），并设定置信度（C）。'
	);
	await page.getByRole('button', { name: '快捷键' }).click();
	await expect(page.getByRole('dialog', { name: '键盘与鼠标' })).toContainText('左键拖动');
	await page.getByRole('dialog').getByRole('button', { name: /^关闭/ }).click();

	// The choice is kept across a reload.
	await page.reload();
	await expect(page.getByTestId('progress')).toHaveText(/^第 \d+ 例，共 \d+ 例$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

	// And back to English, from the workstation's top bar.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByTestId('progress')).toHaveText(/^Case \d+ of \d+$/);
	await expect(page.getByRole('button', { name: /^Submit read/ })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect(await localeCookie(page)).toBe('en');
	await page.goto('/read');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your reading worklist');
	expect(hydration).toEqual([]);
});

test('without a choice, a browser that prefers Chinese gets Chinese, form messages from the server included', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	// The server's answer to the browser's languages alone (no cookie yet).
	const served = await (
		await context.request.get('/login', {
			headers: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' }
		})
	).text();
	expect(served).toContain('<html lang="zh-CN">');
	expect(served).toContain('<h1>登录</h1>');

	const page = await context.newPage();
	const hydration = watchHydration(page);
	await page.goto('/login', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');

	// A wrong password (for an account that does not exist, so no reader's sign-in is throttled).
	await page.getByLabel('电子邮箱').fill('nobody@demo.example.org');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('电子邮箱或密码不正确。');
	expect(hydration).toEqual([]);
	await context.close();
});
