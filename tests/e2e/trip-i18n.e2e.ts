// Issue 16 #19, everyone: in Chinese every page a role can open says everything in Chinese — the
// analysis page's figures (ROC curves, forest plots, reading times) included — and pages are drawn
// in the font the app ships (Noto Sans SC), not in whatever the machine happens to have. Every page
// is found from src/routes (routes.fixture.ts), so a new page is checked without anyone adding it.
// A second study (12 cases, simulated reads) is locked, exported and unblinded at the shell so the
// analysis shows its figures; the demo study stays open.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { query } from './database.fixture';
import { DEMO, signIn } from './session.fixture';
import { loadTrialStudy, lockExportAndCommit, releaseKey } from './trial-study.fixture';
import { discoverRoutes } from './routes.fixture';
import {
	caseRefOf,
	referenceStandardE2eStudy,
	taskOf,
	TRUTH_MAKER_PASSWORD,
	type ReferenceStandardE2eStudy
} from './reference-standard-study.fixture';

const STUDY = 'i18n-study';
const READER = 'reader.b2@demo.example.org';
/** A study whose truth is made in Tandem, for the annotator's and the adjudicator's pages. */
const RS_STUDY = 'i18n-reference-standard';
let truthMakers: ReferenceStandardE2eStudy;

/**
 * English that may stay in a Chinese page: names of methods, figures of merit and formats, and the language
 * switcher's own "English". Anything else of three or more Latin letters is a missing translation.
 */
const ALLOWED = new Set([
	...['AUC', 'ROC', 'DICOM', 'MRMC', 'RRRC', 'FRRC', 'RRFC', 'DBM', 'DeLong', 'Wilson', 'Hillis'],
	...['Cohen', 'Fleiss', 'IoU'],
	...[
		'FROC',
		'AFROC',
		'wAFROC',
		'LROC',
		'PCL',
		'ALROC',
		'NLF',
		'LLF',
		'wLLF',
		'FPF',
		'PASCAL',
		'VOC'
	],
	...['CSV', 'JSON', 'PDF', 'HTML', 'SHA', 'UTC', 'Tandem', 'English']
]);
/**
 * Codes that are not words: the audit's event names and references (read.submitted, user:1,
 * cli:operator), `tandem …` commands and their --options, e-mail addresses, links, file names and
 * hashes. Text marked lang="en" (the statistics engine's diagnostics, English as every service
 * message) and <code>/<kbd> are not checked.
 */
const CODES = [
	/\b[a-z_]+(\.[a-z_]+)+\b/g,
	/\b[a-z_]+:[\w-]+/g,
	/\btandem\b[\x20-\x7E]*/g,
	/--[\w-]+(\s+[\w.-]+)?/g,
	/\S+@\S+/g,
	/\bhttps?:\/\/\S+/g,
	/\S+\.(csv|json|html|pdf|yaml|txt|zip|onnx|dcm|pem|jsonl)\b/g,
	/\b[0-9a-f]{8,}\b/g
];

/** What users entered (names, titles, reasons, case ids, the protocol's own labels): data, not interface. */
async function enteredTexts(): Promise<string[]> {
	const texts = [
		...(await query<{ t: string }>('SELECT name AS t FROM users UNION SELECT email FROM users')),
		...(await query<{ t: string }>(
			'SELECT title AS t FROM studies UNION SELECT slug FROM studies'
		)),
		...(await query<{ t: string }>('SELECT name AS t FROM sites UNION SELECT code FROM sites')),
		...(await query<{ t: string }>('SELECT case_key AS t FROM cases')),
		...(await query<{ t: string }>('SELECT reason AS t FROM study_locks')),
		// Reasons and threads people wrote, and the reasons the audit trail keeps for refusals
		// (the service's English, as every service message).
		...(await query<{ t: string }>(
			'SELECT reason AS t FROM audit_events WHERE reason IS NOT NULL'
		)),
		...(await query<{ t: string }>('SELECT question AS t FROM monitor_queries')),
		...(await query<{ t: string }>('SELECT answer AS t FROM query_answers')),
		...(await query<{ t: string }>(
			'SELECT correction_reason AS t FROM reads WHERE correction_reason IS NOT NULL'
		)),
		...(await query<{ t: string }>(
			'SELECT specialty AS t FROM reader_enrolments WHERE specialty IS NOT NULL'
		))
	].map((row) => row.t);
	for (const { strata } of await query<{ strata: string }>(
		'SELECT strata_json AS strata FROM cases'
	))
		texts.push(...Object.values(JSON.parse(strata) as Record<string, string>));
	for (const { json } of await query<{ json: string }>(
		'SELECT protocol_json AS json FROM studies'
	)) {
		const protocol = JSON.parse(json);
		texts.push(protocol.description ?? '', protocol.truth?.source ?? '');
		texts.push(protocol.ai_model?.name ?? protocol.aiModel?.name ?? '');
		for (const arm of protocol.arms ?? []) texts.push(arm.id, arm.label);
		for (const preset of protocol.reading?.window_presets ?? protocol.reading?.windowPresets ?? [])
			texts.push(preset.name);
	}
	return [...new Set(texts.filter((text) => text && text.trim()))].sort(
		(a, b) => b.length - a.length
	);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of three or more Latin letters left in a text once data and codes are out. */
function englishWords(text: string, entered: readonly string[]): string[] {
	let rest = text.trim();
	for (const value of entered) {
		rest = rest.replace(new RegExp(`(?<![A-Za-z0-9])${escape(value)}(?![A-Za-z0-9])`, 'g'), ' ');
		// A value cut short at the end of a label ("Reader wit") is still the value.
		for (let length = value.length - 1; length >= 3; length--) {
			const cut = value.slice(0, length);
			if (rest.endsWith(cut) && !/[A-Za-z0-9]/.test(rest.at(-length - 1) ?? '')) {
				rest = rest.slice(0, -length);
				break;
			}
		}
	}
	for (const code of CODES) rest = rest.replace(code, ' ');
	return (rest.match(/[A-Za-z][A-Za-z0-9_-]*/g) ?? []).filter(
		(word) => /^[A-Za-z]{3,}$/.test(word) && !ALLOWED.has(word)
	);
}

/** Every text the user sees: visible text nodes (SVG figures' too, closed <details> opened), placeholders, options, button values. */
async function visibleTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		for (const details of document.querySelectorAll('details')) details.open = true;
		const out: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const node = walker.currentNode;
			const text = node.textContent?.trim();
			const element = node.parentElement;
			if (!text || !element) continue;
			// Commands, keys and hashes are written as code; <title>/<desc> are not on screen.
			if (
				element.closest(
					'script, style, noscript, template, title, desc, code, kbd, pre, samp, [lang="en"]'
				)
			)
				continue;
			if (!element.checkVisibility({ visibilityProperty: true })) continue;
			out.push(text);
		}
		for (const element of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
			'input[placeholder], textarea[placeholder]'
		))
			if (element.checkVisibility()) out.push(element.placeholder);
		for (const option of document.querySelectorAll('select option'))
			if (option.closest('select')?.checkVisibility()) out.push(option.textContent ?? '');
		for (const input of document.querySelectorAll<HTMLInputElement>(
			'input[type=submit], input[type=button]'
		))
			if (input.checkVisibility()) out.push(input.value);
		return out;
	});
}

/**
 * Short labels (table headers, buttons, links of the top bar, tags: up to six characters) broken
 * over two lines, as a Chinese word split in the middle ("阅" / "片").
 */
async function brokenShortLabels(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const broken: string[] = [];
		for (const element of document.querySelectorAll('th, button, nav a, .tag, summary')) {
			const text = element.textContent?.trim() ?? '';
			if (!text || [...text].length > 6 || !element.checkVisibility()) continue;
			const range = document.createRange();
			range.selectNodeContents(element);
			// On two lines when one part lies wholly below another (a smaller arrow on the same
			// line only sits lower inside it).
			const rects = [...range.getClientRects()].filter((rect) => rect.height > 0);
			if (rects.some((a) => rects.some((b) => a.top >= b.bottom - 1))) broken.push(text);
		}
		return broken;
	});
}

/** The fonts Chromium actually drew an element's text with. */
async function renderedFonts(
	page: Page,
	selector: string
): Promise<Array<{ familyName: string; isCustomFont: boolean }>> {
	await page.evaluate(() => document.fonts.ready);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('DOM.enable');
	await cdp.send('CSS.enable');
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
	expect(nodeId, selector).toBeGreaterThan(0);
	const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
	await cdp.detach();
	return fonts;
}

/** Page URLs with their parameters filled: a study, a reader's open case, a read at the coordinator's site. */
function pageUrls(fill: Record<string, string>): string[] {
	return discoverRoutes()
		.filter((route) => route.kind === 'page' && !route.pattern.startsWith('/login'))
		.flatMap((route) => {
			const slugs = route.pattern.includes('[slug]') ? ['demo-crossover', STUDY] : [''];
			return slugs.map((slug) =>
				route.pattern
					.replace('[slug]', slug)
					.replace(/\[(\w+)(=\w+)?\]/g, (_, name: string) => fill[name] ?? '0')
			);
		});
}

async function chineseSession(browser: Browser, email: string, password?: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	await signIn(page, email, password);
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: new URL(page.url()).origin }
	]);
	return page;
}

test.beforeAll(async () => {
	test.setTimeout(180_000);
	const staff = ['coordinator', 'statistician', 'evaluator', 'sponsor'] as const;
	const secondary = ['{ metric: reading_time, hypothesis: superiority, alpha: 0.025 }'];
	if (await loadTrialStudy({ slug: STUDY, secondary, staff, seed: 5 }))
		releaseKey(STUDY, await lockExportAndCommit(STUDY));
	truthMakers = await referenceStandardE2eStudy(RS_STUDY);
});

/** The annotators disagree on C004 (diseased with a lesion, non-diseased): a case to adjudicate. */
async function disagreeOnce(browser: Browser): Promise<void> {
	if (
		(
			await query(
				'SELECT id FROM adjudication_cases WHERE case_id = ?',
				await caseRefOf(RS_STUDY, 'C004')
			)
		).length
	)
		return;
	const lesion = {
		id: 'L1',
		firstImage: 1,
		lastImage: 1,
		region: { kind: 'box', box: { x0: 100, y0: 100, x1: 140, y1: 150 } },
		attributes: {}
	};
	for (const [index, email] of truthMakers.annotators.entries()) {
		const page = await (await browser.newContext()).newPage();
		await signIn(page, email, TRUTH_MAKER_PASSWORD);
		const task = await taskOf(RS_STUDY, email, 'C004');
		const answer = await page.request.post(`/api/annotate/${task}/submit`, {
			data: {
				clientId: `i18n-${task}-0000`,
				...(index === 0 ? { classification: 1, lesions: [lesion] } : { classification: 0 })
			}
		});
		expect(answer.status(), await answer.text()).toBe(200);
		await page.context().close();
	}
}

const ROLES = {
	admin: DEMO.admin,
	sponsor: DEMO.sponsor,
	coordinator: DEMO.coordinatorA,
	reader: READER,
	statistician: DEMO.statistician,
	evaluator: DEMO.evaluator,
	annotator: `${RS_STUDY}.annotator1@x.org`,
	adjudicator: `${RS_STUDY}.adjudicator@x.org`
} as const;

for (const [role, email] of Object.entries(ROLES)) {
	test(`in Chinese, every page the ${role} opens has no English left, figures included`, async ({
		browser
	}) => {
		test.setTimeout(240_000);
		const truthMaker = role === 'annotator' || role === 'adjudicator';
		if (truthMaker) await disagreeOnce(browser);
		const page = await chineseSession(
			browser,
			email,
			truthMaker ? TRUTH_MAKER_PASSWORD : undefined
		);
		const fill: Record<string, string> = { read: '0', n: '1', id: '1' };
		if (truthMaker) {
			fill.task = String(await taskOf(RS_STUDY, truthMakers.annotators[0], 'C002'));
			fill.case = String(await caseRefOf(RS_STUDY, 'C004'));
		}
		if (role === 'reader') {
			await page.goto('/read/next?study=demo-crossover');
			await expect(page).toHaveURL(/\/read\/[^/?]+$/);
			fill.assignment = new URL(page.url()).pathname.split('/').pop()!;
		}
		if (role === 'coordinator') {
			const [read] = await query<{ id: number }>(
				`SELECT r.id FROM reads r JOIN assignments a ON a.id = r.assignment_id
				 JOIN reading_sessions rs ON rs.id = a.session_id JOIN studies s ON s.id = rs.study_id
				 WHERE s.slug = ? ORDER BY r.id LIMIT 1`,
				STUDY
			);
			fill.read = String(read?.id ?? 0);
		}
		const entered = await enteredTexts();
		const found: string[] = [];
		const seen: string[] = [];
		for (const url of pageUrls(fill)) {
			const response = await page.goto(url);
			if (!response || response.status() !== 200 || !page.url().endsWith(url)) continue;
			// (Not 'networkidle': the monitor keeps a server-sent events stream open.)
			await page.evaluate(() => document.fonts.ready);
			if (url.startsWith('/read/') && !url.startsWith('/read/corrections'))
				await expect(page.getByTestId('progress')).toBeVisible({ timeout: 15_000 });
			if (/^\/(annotate|adjudicate)\/\d/.test(url))
				await expect(page.getByTestId('annotation-viewer')).toHaveAttribute(
					'data-rendered',
					'true',
					{ timeout: 15_000 }
				);
			seen.push(url);
			for (const text of await visibleTexts(page)) {
				const words = englishWords(text, entered);
				if (words.length > 0) found.push(`${url}: ${words.join(' ')} ← "${text.slice(0, 80)}"`);
			}
			for (const label of await brokenShortLabels(page)) found.push(`${url}: broken "${label}"`);
		}
		expect(seen.length, `pages opened as ${role}: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
		expect([...new Set(found)]).toEqual([]);
		await page.context().close();
	});
}

test('the analysis figures are in Chinese, and pages are drawn in the shipped Noto Sans SC', async ({
	browser
}) => {
	const page = await chineseSession(browser, DEMO.statistician);
	await page.goto(`/analysis/${STUDY}`);
	const figures = page.locator('svg.figure');
	await expect(figures).toHaveCount(4);
	await expect(page.locator('svg.roc-curves text.axis-label')).toContainText(['特异度', '敏感度']);
	await expect(page.locator('svg.reading-time-distribution text.axis-label')).toContainText(
		'阅片时间'
	);

	const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	expect(family.split(',')[0]!.trim().replace(/["']/g, '')).toBe('Noto Sans SC');
	for (const selector of ['h1', 'svg.roc-curves text.axis-label', 'nav a']) {
		const fonts = await renderedFonts(page, selector);
		expect(fonts.length, selector).toBeGreaterThan(0);
		// The shipped web font (its files name the instance, e.g. "Noto Sans SC Thin"), not a system one.
		for (const font of fonts) {
			expect(font.isCustomFont, selector).toBe(true);
			expect(font.familyName, selector).toMatch(/^Noto Sans SC\b/);
		}
	}
	await page.context().close();
});
