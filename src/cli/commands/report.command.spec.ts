// The verification report as an operator makes it, on a demo study filled with simulated reads:
// its numbers are those of `tandem analyze` on the blind export (before and after unblinding),
// of the in-app analysis, and the PDF's pages are looked at.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliEnv } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRows } from '$fixtures/sql.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { lookAtPdf } from '$fixtures/pdf-pages.fixture';
import { requireSystemTool } from '$fixtures/system-tools.fixture';
import { cliSigner } from '$fixtures/signer.fixture';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { trialAnalysisFor } from '../../lib/server/analysis/trial-analysis.service';
import { formatEstimateCi } from '../../lib/verification-report/figures/forest-plot';

interface Diff {
	modality_a: string;
	modality_b: string;
	estimate: number;
	ci_lower: number;
	ci_upper: number;
	p: number;
}
const analyze = (args: string[], env: CliEnv) => {
	const run = runCli(['analyze', ...args, '--format', 'json'], env);
	expect(run.stderr).toBe('');
	return JSON.parse(run.stdout) as {
		rrrc: { diffs: Diff[] };
		reading_time?: { ratios: Array<Diff & { ratio: number }> };
		hypothesis_tests: { tests: Array<{ kind: string; p: number; threshold: number }> };
	};
};

// The fixture protocol with the demo's secondary endpoints added.
const ENDPOINTS_YAML = FIXTURE_YAML.replace(
	'      alpha: 0.025\nai_model:',
	[
		'      alpha: 0.025',
		'  secondary:',
		'    - { metric: sensitivity, hypothesis: superiority, alpha: 0.025 }',
		'    - { metric: specificity, hypothesis: non-inferiority, margin: 0.05, margin_justification: test margin, alpha: 0.025 }',
		'    - { metric: reading_time, hypothesis: superiority, alpha: 0.025 }',
		'ai_model:'
	].join('\n')
);

describe('tandem report', () => {
	beforeAll(() => {
		requireSystemTool('chromium'); // the PDF is printed by Debian's Chromium
	});

	it('writes HTML and PDF whose numbers are the export analysed by tandem analyze, blinded and then unblinded', async () => {
		const work = mkdtempSync(join(tmpdir(), 'tandem-report-'));
		const { env, db } = await commandDatabase(join(work, 'tandem.db'));
		expect(
			runCli(['study', 'load', makeStudyFolder(twelveCaseOptions(ENDPOINTS_YAML))], env).status
		).toBe(0);
		for (const [email, site] of [
			['ada@a.org', 'site-a'],
			['bo@b.org', 'site-b'],
			['cy@a.org', 'site-a'],
			['di@b.org', 'site-b']
		]) {
			expect(
				runCli(
					[
						'reader',
						'enrol',
						'--study',
						'mini-study',
						'--site',
						site!,
						'--email',
						email!,
						'--name',
						`Reader ${email}`,
						'--password-stdin'
					],
					env,
					'reader password 123'
				).status
			).toBe(0);
		}
		const admin = cliSigner(env, 'mini-study', { name: 'Ada Admin', email: 'ada.admin@x.org' });
		const frozen = runCli(
			[
				'cases',
				'freeze',
				'--study',
				'mini-study',
				'--reason',
				'test set checked',
				'--accept-warnings',
				...admin.flags
			],
			admin.env
		);
		const fingerprint = /fingerprint ([0-9a-f]{64})/.exec(frozen.stdout)?.[1];
		expect(fingerprint, frozen.stderr).toBeDefined();
		expect(
			runCli(['demo', 'simulate-reads', '--study', 'mini-study', '--seed', '9'], env).status
		).toBe(0);
		expect(
			runCli(['report', '--study', 'mini-study', '--out', join(work, 'early')], env).stderr
		).toContain('is not locked');
		expect(
			runCli(
				['study', 'lock', '--study', 'mini-study', '--reason', 'all reads in', ...admin.flags],
				admin.env
			).status
		).toBe(0);
		const exportDir = join(work, 'export');
		expect(
			runCli(['export', 'blind', '--study', 'mini-study', '--out', exportDir], env).status
		).toBe(0);
		const readsCsv = join(exportDir, 'reads.csv');
		expect(
			JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8')).datasetFreeze
		).toMatchObject({ version: 1, fingerprint });

		// Blinded report: arms are codes in natural order, as `tandem analyze` takes them by default.
		const blindDir = join(work, 'blind');
		const blind = runCli(['report', '--study', 'mini-study', '--out', blindDir], env);
		expect(blind.stdout).toMatch(/report\.pdf\t\d+ bytes/);
		expect(blind.stdout).toContain('(blinded: arms coded');
		expect(ENDPOINTS_YAML).toContain('reading_time');
		const blindJson = JSON.parse(readFileSync(join(blindDir, 'analysis.json'), 'utf8'));
		// Both read test (second code) − reference (first code): one orientation everywhere.
		const peer = analyze(['--input', readsCsv], env).rrrc.diffs[0]!;
		const primary = blindJson.analysis.endpoints[0];
		expect(primary.rrrc.estimate).toBe(peer.estimate);
		expect(primary.rrrc.ciLower).toBe(peer.ci_lower);
		expect(primary.rrrc.pTwoSided).toBe(peer.p);
		// analyze --study reads the same export; blind, the second code is the test there too.
		const blindStudy = analyze(['--study', 'mini-study'], env) as unknown as {
			rrrc: { diffs: Diff[] };
			notes: string[];
		};
		expect(blindStudy.rrrc.diffs[0]).toEqual(peer);
		expect(blindStudy.notes[0]).toMatch(/^study mini-study, blind export 1: blind: /);
		const html = readFileSync(join(blindDir, 'report.html'), 'utf8');
		expect(html).toContain(
			formatEstimateCi(primary.rrrc.estimate, primary.rrrc.ciLower, primary.rrrc.ciUpper, 4)
		);
		expect(html).toContain('BLINDED');
		expect(html).toContain(`Frozen dataset version 1, fingerprint <code>${fingerprint}</code>`);
		expect(html).not.toMatch(/Reader alone|Reader with AI|>Met<|>Not met</);

		// The statistician signs off the blinded report: a signature over its content hash.
		const statistician = cliSigner(env, 'mini-study', {
			role: 'statistician',
			name: 'Stan Statistician',
			email: 'stan@x.org',
			meaning: 'authored'
		});
		const contentSha256 = /which a sign-off of it signs: <code>([0-9a-f]{64})<\/code>/.exec(
			html
		)?.[1];
		expect(contentSha256).toBeDefined();
		const signOff = runCli(
			[
				'report',
				'sign',
				'--study',
				'mini-study',
				'--sha256',
				contentSha256!,
				...statistician.flags
			],
			statistician.env
		);
		expect(signOff.stderr).toBe('');
		expect(signOff.stdout).toMatch(
			new RegExp(
				`^mini-study: report on export 1 signed off by Stan Statistician <stan@x.org> as statistician \\(Authored\\) at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, content sha256 ${contentSha256}\n$`
			)
		);
		const signedDir = join(work, 'signed');
		expect(runCli(['report', '--study', 'mini-study', '--out', signedDir], env).status).toBe(0);
		const annex = readFileSync(join(signedDir, 'report.html'), 'utf8');
		expect(annex).toContain('<td>Ada Admin</td><td>admin</td><td>Approved</td>');
		expect(annex).toContain(
			`<td>Dataset version 1 (its fingerprint)</td><td><code>${fingerprint}</code></td>`
		);
		expect(annex).toContain(
			`<td>This report, on export 1 (its content SHA-256)</td><td><code>${contentSha256}</code></td>`
		);
		for (let section = 1; section <= 9; section++)
			expect(html).toContain(`<section id="s${section}">`);
		expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);

		// Without Chromium: the HTML and the JSON are written and said where, no stale PDF is left
		// beside them, and the command fails on the PDF.
		const noPdfDir = join(work, 'no-pdf');
		mkdirSync(noPdfDir);
		writeFileSync(join(noPdfDir, 'report.pdf'), 'an earlier report');
		const noPdf = runCli(['report', '--study', 'mini-study', '--out', noPdfDir], {
			...env,
			CHROMIUM_PATH: join(work, 'no-chromium')
		});
		expect(noPdf.status).toBe(1);
		expect(readFileSync(join(noPdfDir, 'report.html'), 'utf8')).toContain('BLINDED');
		expect(existsSync(join(noPdfDir, 'analysis.json'))).toBe(true);
		expect(existsSync(join(noPdfDir, 'report.pdf'))).toBe(false);
		expect(noPdf.stdout).toMatch(/report\.html\t\d+ bytes/);
		expect(noPdf.stderr).toContain(`Chromium is not installed at ${join(work, 'no-chromium')}`);
		expect(noPdf.stderr).toContain(
			`report.pdf was not written; the HTML report is at ${join(noPdfDir, 'report.html')}`
		);

		// Commit, then unblind; the report now decides, with the numbers of analyze --aided/--unaided.
		expect(
			runCli(
				[
					'export',
					'register-results',
					'--study',
					'mini-study',
					'--export',
					'1',
					'--sha256',
					'b'.repeat(64)
				],
				env
			).status
		).toBe(0);
		const keyFile = join(work, 'key.json');
		expect(
			runCli(
				[
					'export',
					'release-key',
					'--study',
					'mini-study',
					'--export',
					'1',
					'--out',
					keyFile,
					...admin.flags
				],
				admin.env
			).status
		).toBe(0);
		const arms = JSON.parse(readFileSync(keyFile, 'utf8')).arms as Record<string, string>;
		const code = (arm: string) => Object.keys(arms).find((key) => arms[key] === arm)!;
		const openDir = join(work, 'open');
		expect(runCli(['report', '--study', 'mini-study', '--out', openDir], env).status).toBe(0);
		const open = JSON.parse(readFileSync(join(openDir, 'analysis.json'), 'utf8'));
		expect(open.reproduce).toEqual({ aided: code('aided'), unaided: code('unaided') });
		// Unblinded, analyze --study takes the arms from the protocol: the arm with the AI is the test.
		const fromStudy = analyze(['--study', 'mini-study'], env) as unknown as {
			orientation: { test: string; reference: string };
			notes: string[];
		};
		expect(fromStudy.orientation).toMatchObject({
			test: code('aided'),
			reference: code('unaided')
		});
		expect(fromStudy.notes[0]).toContain(
			`test ${code('aided')} = Reader with AI (the arm with the AI), reference ${code('unaided')} = Reader alone`
		);
		const flags = ['--input', readsCsv, '--aided', code('aided'), '--unaided', code('unaided')];
		for (const endpoint of open.analysis.endpoints.filter(
			(row: { scale?: string }) => row.scale === 'difference'
		)) {
			const metric = endpoint.endpoint.metric as string;
			const peerRun = analyze([...flags, '--fom', metric], env);
			const diff = peerRun.rrrc.diffs[0]!;
			const sign = diff.modality_a === code('aided') ? 1 : -1;
			expect(endpoint.rrrc.estimate + 0, metric).toBe(sign * diff.estimate + 0); // + 0: −0 and 0 are the same difference
			expect(endpoint.rrrc.pTwoSided, metric).toBe(diff.p);
			// The p beside the decision is the declared test's, one-sided against its bound.
			const declared = peerRun.hypothesis_tests.tests.find(
				(test) => test.kind === endpoint.endpoint.hypothesis
			)!;
			expect(endpoint.declared, metric).toMatchObject({
				p: declared.p,
				bound: declared.threshold,
				sided: 'one-sided'
			});
			expect(endpoint.met, metric).toBe(endpoint.declared.p < endpoint.endpoint.alpha);
			expect(endpoint.arms.map((row: { arm: string }) => row.arm).sort()).toEqual([
				'Reader alone',
				'Reader with AI'
			]);
		}
		const time = open.analysis.endpoints.find(
			(row: { endpoint: { metric: string } }) => row.endpoint.metric === 'reading_time'
		);
		const ratio = analyze(flags, env).reading_time!.ratios[0]!;
		expect(time.rrrc.estimate).toBeCloseTo(
			ratio.modality_a === code('aided') ? ratio.ratio : 1 / ratio.ratio,
			12
		);
		expect(time.rrrc.pTwoSided).toBe(ratio.p);

		// The in-app analysis is the report's.
		const inApp = await trialAnalysisFor(db, operatorPrincipal(), 'mini-study');
		expect(inApp.analysis.endpoints[0]).toMatchObject({
			rrrc: {
				estimate: open.analysis.endpoints[0].rrrc.estimate,
				ciLower: open.analysis.endpoints[0].rrrc.ciLower
			}
		});
		expect(
			(
				await sqlRows<{ after: string }>(
					db,
					"SELECT after_json AS after FROM audit_events WHERE action = 'report.generated' ORDER BY seq"
				)
			).map((row) =>
				(JSON.parse(row.after).files as Array<{ name: string }>).map((file) => file.name)
			)
		).toEqual([
			['report.html', 'report.pdf', 'analysis.json'],
			['report.html', 'report.pdf', 'analysis.json'], // after the sign-off, with it in annex D
			['report.html', 'analysis.json'], // without Chromium: the files written, no PDF
			['report.html', 'report.pdf', 'analysis.json']
		]);
		const openHtml = readFileSync(join(openDir, 'report.html'), 'utf8');
		expect(openHtml).toMatch(/class="(met|not-met)">(Met|Not met)</);
		expect(openHtml).toContain('Reader with AI');

		expectPrintedReport(join(openDir, 'report.pdf'));

		// The same report in Simplified Chinese, from the same data: the same analysis, figures,
		// commands and content hash (what a sign-off signs), and a PDF that passes the same checks.
		const zhDir = join(work, 'open-zh');
		const zh = runCli(['report', '--study', 'mini-study', '--out', zhDir, '--lang', 'zh'], env);
		expect(zh.status, zh.stderr).toBe(0);
		expect(readFileSync(join(zhDir, 'analysis.json'), 'utf8')).toBe(
			readFileSync(join(openDir, 'analysis.json'), 'utf8')
		);
		const zhHtml = readFileSync(join(zhDir, 'report.html'), 'utf8');
		expect(zhHtml).toContain('<html lang="zh-CN">');
		expect(zhHtml).toMatch(/class="(met|not-met)">(达到|未达到)</);
		const figures = (text: string) =>
			[...text.matchAll(/data-figure="([^"]+)">([^<]+)</g)].map((match) => match.slice(1));
		expect(figures(openHtml).length).toBeGreaterThanOrEqual(4);
		expect(figures(zhHtml)).toEqual(figures(openHtml));
		// The commands are the same; only their comment lines (# …) are in the report's language.
		const commands = (text: string) =>
			text
				.match(/<pre class="command">[\s\S]*?<\/pre>/g)
				?.map((block) => block.replace(/^# .*\n/gm, '').replace(/>#[^\n]*\n/, '>'));
		expect(commands(zhHtml)).toEqual(commands(openHtml));
		const contentHash = (text: string) =>
			/的值：<code>([0-9a-f]{64})<\/code>|signs: <code>([0-9a-f]{64})<\/code>/
				.exec(text)
				?.slice(1)
				.find(Boolean);
		expect(contentHash(zhHtml)).toMatch(/^[0-9a-f]{64}$/);
		expect(contentHash(zhHtml)).toBe(contentHash(openHtml));
		expectPrintedReport(join(zhDir, 'report.pdf'));
		const badLang = runCli(
			['report', '--study', 'mini-study', '--out', zhDir, '--lang', 'fr'],
			env
		);
		expect(badLang.status).not.toBe(0);
		expect(badLang.stderr).toContain('the report is written in en or zh, not "fr"');
	}, 240_000);
});

/** The PDF: a title page with ink, the nine sections on their pages, figures in colour. */
function expectPrintedReport(pdf: string): void {
	const pages = lookAtPdf(pdf);
	expect(pages.length).toBeGreaterThanOrEqual(9);
	expect(pages.every((page) => page.width > page.height * 0.6 && page.width < page.height)).toBe(
		true
	); // A4 portrait
	expect(pages[0]!.ink).toBeGreaterThan(0.02);
	const colourful = pages.filter((page) => page.colour > 0.002);
	expect(colourful.length).toBeGreaterThanOrEqual(2); // ROC curves, forest plots, reading times
	expect(pages.filter((page) => page.ink < 0.001)).toEqual([]); // no blank page
}
