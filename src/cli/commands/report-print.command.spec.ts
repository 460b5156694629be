// The demo's verification report as printed, in English and in Simplified Chinese: the whole demo
// (120 cases, six simulated readers) locked, exported, unblinded and signed off once, the report
// rendered in both languages, then each PDF looked at page by page — no near-empty page, the
// sign-off and environment tables each on one page, and every reproduction command in annex A
// copy-pasteable from the PDF's text (whole tokens, each printed line a shell continuation). The
// Chinese one also embeds its font, has its text extractable, and no English sentence in it.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoStudy } from '../../../scripts/demo/generate-demo-study';
import { runCli, type CliEnv } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { lookAtPdf, pdfFonts, pdfPageTexts, type PageLook } from '$fixtures/pdf-pages.fixture';
import {
	englishRuns,
	verbatimTexts,
	visibleHtmlText
} from '$fixtures/untranslated-english.fixture';
import { requireSystemTool } from '$fixtures/system-tools.fixture';

const PASSWORD = 'report-print-password';
const ADMIN = ['--as', 'admin@demo.example.org', '--meaning', 'approved'];

/** Commands as a shell reads them: continuation lines ("… \" then the next line) joined, comments and blank lines dropped. */
function shellCommands(text: string): string[] {
	const commands: string[] = [];
	let current = '';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (!current && (line === '' || line.startsWith('#'))) continue;
		if (line.endsWith('\\')) {
			current += `${line.slice(0, -1).trim()} `;
			continue;
		}
		commands.push(`${current}${line}`.replace(/\s+#.*$/, '').trim());
		current = '';
	}
	return commands;
}

const unescapeHtml = (text: string) =>
	text.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => {
		const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
		return map[name]!;
	});

/** What each check looks for, in the report's language. */
const WORDS = {
	en: {
		signOff: [
			'What was signed',
			'Dataset version 1',
			'Database lock (its',
			'Release of the code key',
			'This report, on export 1'
		],
		environment: ['Analysis software', 'Operating system', 'Packages', 'PDF rendering'],
		environmentHeading: '4. Environment',
		annexA: 'A. Reproducing the figures',
		annexB: 'B. Fingerprints and signatures'
	},
	zh: {
		signOff: ['签署对象', '数据集版本 1（', '数据库锁定（其', '编码密钥释放', '本报告，基于导出 1'],
		environment: ['分析软件', '操作系统', '依赖软件库', 'PDF 生成'],
		environmentHeading: '4. 验证环境配置',
		annexA: 'A. 结果复现',
		annexB: 'B. 指纹与签名'
	}
};
type Lang = keyof typeof WORDS;

interface Printed {
	pdf: string;
	pages: PageLook[];
	texts: string[];
	html: string;
}

const printed = {} as Record<Lang, Printed>;
let env: CliEnv;
let studyDir: string;

beforeAll(async () => {
	requireSystemTool('chromium');
	const work = mkdtempSync(join(tmpdir(), 'tandem-report-print-'));
	studyDir = join(work, 'demo-crossover');
	cpSync('studies/demo-crossover', studyDir, {
		recursive: true,
		filter: (source) => !source.includes('/images')
	});
	await generateDemoStudy({ outDir: studyDir });
	env = {
		...(await commandDatabase(join(work, 'tandem.db'))).env,
		TANDEM_DEMO_PASSWORD: PASSWORD,
		TANDEM_SIGNATURE_PASSWORD: PASSWORD
	};
	const run = (args: string[]) => {
		const result = runCli(args, env);
		expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
		return result;
	};
	const study = ['--study', 'demo-crossover'];
	run(['demo', 'setup', '--dir', studyDir]);
	run(['model', 'score', ...study]); // the AI's standalone figures and operating points
	run(['demo', 'simulate-reads', ...study, '--seed', '7']);
	run(['study', 'lock', ...study, '--reason', 'all reads in', ...ADMIN]);
	run(['export', 'blind', ...study, '--out', join(work, 'export')]);
	run(['export', 'register-results', ...study, '--export', '1', '--sha256', 'b'.repeat(64)]);
	run([
		'export',
		'release-key',
		...study,
		'--export',
		'1',
		'--out',
		join(work, 'key.json'),
		...ADMIN
	]);
	run([
		'report',
		'sign',
		...study,
		'--as',
		'statistician@demo.example.org',
		'--meaning',
		'authored'
	]);
	for (const lang of ['en', 'zh'] as const) {
		const out = join(work, `report-${lang}`);
		run(['report', ...study, '--out', out, ...(lang === 'en' ? [] : ['--lang', lang])]);
		const pdf = join(out, 'report.pdf');
		printed[lang] = {
			pdf,
			pages: lookAtPdf(pdf),
			texts: pdfPageTexts(pdf),
			html: readFileSync(join(out, 'report.html'), 'utf8')
		};
	}
}, 480_000);

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each(['en', 'zh'] as const)('the demo report as printed (%s)', (lang) => {
	const words = WORDS[lang];
	const pageWith = (fragment: string) =>
		printed[lang].texts.flatMap((text, index) =>
			flat(text).includes(fragment) ? [index + 1] : []
		);

	it('has no near-empty page', () => {
		const { pages, texts } = printed[lang];
		expect(pages.length).toBe(texts.length);
		const fill = pages.map((page) => `${page.page}: ${page.filled.toFixed(2)}`).join(', ');
		for (const page of pages.slice(0, -1))
			expect(page.filled, `page ${page.page} of ${pages.length} (${fill})`).toBeGreaterThan(0.4);
		expect(pages.at(-1)!.filled, fill).toBeGreaterThan(0.1);
	});

	it('keeps the sign-off, environment and endpoint tables each on one page', () => {
		const { texts } = printed[lang];
		const signOff = words.signOff.map(pageWith);
		expect(
			signOff.every((found) => found.length === 1),
			JSON.stringify(signOff)
		).toBe(true);
		expect(new Set(signOff.flat()).size, JSON.stringify(signOff)).toBe(1);
		const environment = words.environment.map((item) =>
			pageWith(item).filter((page) => flat(texts[page - 1]!).includes(words.environmentHeading))
		);
		expect(
			environment.every((found) => found.length === 1),
			JSON.stringify(environment)
		).toBe(true);
	});

	it.runIf(lang === 'en')(
		'has the AI operating points and PR curve, the measurements’ Bland–Altman plot and ICC, and the effective use of the data',
		() => {
			const { html } = printed[lang];
			const results = /<section id="s6">(.*?)<\/section>/s.exec(html)![1]!;
			expect(results).toContain('High sensitivity (target ≥ 0.95)');
			expect(results).toContain('High specificity (target ≥ 0.95)');
			expect(results).toContain('Precision–recall curve of the AI (cases)');
			expect(results.match(/class="figure ai-roc-operating-points"/g)).toHaveLength(1);
			expect(results).toContain('6.9 Effective use of the data');
			expect(results).toContain('6.10 Agreement of the measurements');
			expect(results.match(/class="figure bland-altman"/g)).toHaveLength(2); // one per arm
			expect(results).toMatch(/ICC\(2,1\) between readers/);
			expect(pageWith('Agreement of the measurements')).toHaveLength(1);
		}
	);

	it('prints every reproduction command whole, each line a valid shell continuation', () => {
		const { html, texts } = printed[lang];
		const annexHtml = new RegExp(`${words.annexA}</h3>(.*?)<h3>B\\.`, 's').exec(html)![1]!;
		const expected = [...annexHtml.matchAll(/<pre[^>]*>(.*?)<\/pre>/gs)].flatMap((block) =>
			shellCommands(unescapeHtml(block[1]!))
		);
		expect(expected.length).toBe(5); // AUC, sensitivity, specificity, reading time; the AI's figures
		const annex = texts.join('\n');
		const annexText = annex.slice(annex.indexOf(words.annexA), annex.indexOf(words.annexB));
		const lines = annexText.split('\n').filter((line) => /^\s*(tandem analyze|--)/.test(line));
		const commands = shellCommands(lines.join('\n'));
		expect(commands).toEqual(expected);
		const help = runCli(['analyze', '--help'], env).stdout;
		for (const command of commands) {
			expect(command).toMatch(/^tandem analyze( --[a-z-]+ [^\s-][^\s]*)+$/);
			for (const flag of command.match(/--[a-z-]+/g)!) expect(help, flag).toContain(`${flag} `);
		}
	});
});

/**
 * What the study's people wrote, shown as written: the protocol's title, description, arm labels,
 * site names and reference standard, the signers' names, and the values read from the images'
 * headers (device models…), which are the test set's own.
 */
function userData(html: string): string[] {
	const protocol = parse(readFileSync(join(studyDir, 'study.yaml'), 'utf8')) as {
		title: string;
		description: string;
		arms: Array<{ label: string }>;
		sites: Array<{ name: string }>;
		truth: { source: string };
	};
	const stratumValues = [...html.matchAll(/<div class="stratum">(.*?)<\/div>/gs)].flatMap((block) =>
		[...block[1]!.matchAll(/<tr><td>(.*?)<\/td>/g)].map((cell) => unescapeHtml(cell[1]!))
	);
	const signers = [...html.matchAll(/<table class="signatures">.*?<\/table>/gs)].flatMap((block) =>
		[...block[0].matchAll(/<tr><td>(.*?)<\/td>/g)].map((cell) => unescapeHtml(cell[1]!))
	);
	return [
		protocol.title,
		protocol.description,
		...protocol.arms.map((arm) => arm.label),
		...protocol.sites.map((site) => site.name),
		protocol.truth.source,
		...stratumValues,
		...signers
	];
}

describe('the Chinese demo report', () => {
	it('embeds Noto Sans SC, and its Chinese text is extractable from the PDF', () => {
		const { pdf, texts } = printed.zh;
		const fonts = pdfFonts(pdf);
		expect(
			fonts.filter((font) => /NotoSansSC/.test(font.name) && font.embedded).length,
			JSON.stringify(fonts)
		).toBeGreaterThan(0);
		const text = texts.join('\n');
		for (const term of [
			'性能验证报告',
			'灵敏度',
			'特异度',
			'非劣效界值',
			'置信区间',
			'阅片者',
			'审计追踪'
		])
			expect(text, term).toContain(term);
		expect(text).not.toContain('\ufffd');
		expect(flat(texts[0]!)).toMatch(/第 1 页，共 \d+ 页/);
	});

	it("has no English sentence in its HTML or its PDF text (numbers, code names and the study's own words aside)", () => {
		const { html, texts } = printed.zh;
		const data = userData(html);
		const inHtml = englishRuns(visibleHtmlText(html), data);
		expect(inHtml, JSON.stringify(inHtml, null, 1)).toEqual([]);
		// Each page's footer (the study's title, the report's, the page number) cut out, so that a
		// paragraph broken over two pages reads as one.
		const footer = /\n[^\n]*— 性能验证报告\s*第 \d+ 页，共 \d+ 页\s*$/;
		const body = texts.map((text) => text.replace(footer, '')).join('\n');
		expect(body).not.toContain('第 1 页');
		const inPdf = englishRuns(body, [...data, ...verbatimTexts(html)]);
		expect(inPdf, JSON.stringify(inPdf, null, 1)).toEqual([]);
		// The same check finds the English report's sentences.
		expect(englishRuns(visibleHtmlText(printed.en.html), data).length).toBeGreaterThan(100);
	});
});
