// The demo's verification report as printed: the whole demo (120 cases, six simulated readers)
// locked, exported, unblinded and signed off, then its PDF looked at page by page — no near-empty
// page, the sign-off and environment tables each on one page, and every reproduction command in
// annex A copy-pasteable from the PDF's text (whole tokens, each printed line a shell continuation).
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoStudy } from '../../../scripts/demo/generate-demo-study';
import { runCli } from '$fixtures/run-cli.fixture';
import { lookAtPdf, pdfPageTexts, type PageLook } from '$fixtures/pdf-pages.fixture';
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

let pages: PageLook[];
let texts: string[];
let html: string;
let env: Record<string, string>;

beforeAll(async () => {
	requireSystemTool('chromium');
	const work = mkdtempSync(join(tmpdir(), 'tandem-report-print-'));
	const studyDir = join(work, 'demo-crossover');
	cpSync('studies/demo-crossover', studyDir, {
		recursive: true,
		filter: (source) => !source.includes('/images')
	});
	await generateDemoStudy({ outDir: studyDir });
	env = {
		TANDEM_DB: join(work, 'tandem.db'),
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
	const out = join(work, 'report');
	run(['report', ...study, '--out', out]);
	pages = lookAtPdf(join(out, 'report.pdf'));
	texts = pdfPageTexts(join(out, 'report.pdf'));
	html = readFileSync(join(out, 'report.html'), 'utf8');
}, 420_000);

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pageWith = (fragment: string) =>
	texts.flatMap((text, index) => (flat(text).includes(fragment) ? [index + 1] : []));

describe('the demo report as printed', () => {
	it('has no near-empty page', () => {
		expect(pages.length).toBe(texts.length);
		const fill = pages.map((page) => `${page.page}: ${page.filled.toFixed(2)}`).join(', ');
		for (const page of pages.slice(0, -1))
			expect(page.filled, `page ${page.page} of ${pages.length} (${fill})`).toBeGreaterThan(0.4);
		expect(pages.at(-1)!.filled, fill).toBeGreaterThan(0.1);
	});

	it('keeps the sign-off, environment and endpoint tables each on one page', () => {
		const signOff = [
			'What was signed',
			'Dataset version 1',
			'Database lock (its',
			'Release of the code key',
			'This report, on export 1'
		].map(pageWith);
		expect(
			signOff.every((found) => found.length === 1),
			JSON.stringify(signOff)
		).toBe(true);
		expect(new Set(signOff.flat()).size, JSON.stringify(signOff)).toBe(1);
		const environment = ['Analysis software', 'Operating system', 'Packages', 'PDF rendering'].map(
			(item) => pageWith(item).filter((page) => flat(texts[page - 1]!).includes('4. Environment'))
		);
		expect(
			environment.every((found) => found.length === 1),
			JSON.stringify(environment)
		).toBe(true);
	});

	it('has the AI operating points and PR curve, the measurements’ Bland–Altman plot and ICC, and the effective use of the data', () => {
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
	});

	it('prints every reproduction command whole, each line a valid shell continuation', () => {
		const annexHtml = /A\. Reproducing the figures<\/h3>(.*?)<h3>B\./s.exec(html)![1]!;
		const expected = [...annexHtml.matchAll(/<pre[^>]*>(.*?)<\/pre>/gs)].flatMap((block) =>
			shellCommands(unescapeHtml(block[1]!))
		);
		expect(expected.length).toBe(4); // AUC, sensitivity, specificity, reading time
		const annex = texts.join('\n');
		const printed = annex.slice(
			annex.indexOf('A. Reproducing the figures'),
			annex.indexOf('B. Fingerprints and signatures')
		);
		const lines = printed.split('\n').filter((line) => /^\s*(tandem analyze|--)/.test(line));
		const commands = shellCommands(lines.join('\n'));
		expect(commands).toEqual(expected);
		const help = runCli(['analyze', '--help'], env).stdout;
		for (const command of commands) {
			expect(command).toMatch(/^tandem analyze( --[a-z-]+ [^\s-][^\s]*)+$/);
			for (const flag of command.match(/--[a-z-]+/g)!) expect(help, flag).toContain(`${flag} `);
		}
	});
});
