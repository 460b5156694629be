// The demo's verification report against the specification's table 3: every item of the
// statement (1), test set (3), environment (4), metrics and methods (5), conclusion (8) and
// annexes (9) is found in the report's HTML and in the text of its PDF (pdftotext), after the demo
// is locked, exported, unblinded and the report signed by the statistician; and the same parts of
// the demo's report render in Simplified Chinese.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoStudy } from '../../../scripts/demo/generate-demo-study';
import { runCli } from '$fixtures/run-cli.fixture';
import { pdfPageTexts } from '$fixtures/pdf-pages.fixture';
import { requireSystemTool } from '$fixtures/system-tools.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { buildReport } from '../../lib/server/verification-report/report.service';
import { verificationReportHtml } from '../../lib/verification-report/verification-report';
import type { ReportInput } from '../../lib/verification-report/report-input';

const PASSWORD = 'report-table3-password';
const ADMIN = ['--as', 'admin@demo.example.org', '--meaning', 'approved'];

/**
 * Table 3's items this report answers, each with the fragments that show it is there (English).
 * The demo declares its verification block in studies/demo-crossover/study.yaml.
 */
const TABLE_3: Array<[item: string, fragments: string[]]> = [
	[
		'1 executing organisation',
		['Verification executed by', 'Northfield Medical Device Evaluation Centre']
	],
	['1 qualification statement', ['Qualification of the executing', 'ISO/IEC 17025']],
	['1 confidentiality statement', ['Confidentiality', 'may not be disclosed']],
	['1 tool name', ['demo-lesion-detector']],
	['1 tool version', ['Tool under verification: Version', '1.0.0']],
	['1 tool release date', ['Release date', '2026-09-15']],
	['1 Tandem name and version', ['Report and analysis software', 'Tandem']],
	['1 executive summary', ['Primary endpoint']],
	['3 inclusion criteria', ['Inclusion criteria', 'slice thickness 5 mm or less']],
	['3 exclusion criteria', ['Exclusion criteria', 'severe motion or metal artefact']],
	['3 de-identification evidence', ['De-identification evidence', 'no de-identification record']],
	['3 source centres', ['Source centres']],
	['3 total cases', ['Total cases']],
	['3 normal / abnormal', ['Abnormal', 'Normal']],
	['3 device vendor and model', ['Vendor', 'Device model', 'LightSpeed VCT']],
	['3 demographics', ['Age band', 'Sex']],
	['4 server model', ['Server model (firmware)']],
	['4 CPU and GPU', ['CPU', 'GPU']],
	['4 memory', ['Memory', 'GiB']],
	['4 operating system', ['Operating system']],
	[
		'4 Node and key packages',
		['Node.js', 'onnxruntime-node', 'drizzle-orm', 'better-sqlite3', '@cornerstonejs/core']
	],
	['4 model hash', ['Model under verification, weights']],
	['4 network layout', ['Network layout (declared)', 'no route to the internet']],
	['5 AUC formula', ['AUC = (1 / (n₁·n₀))']],
	['5 sensitivity formula', ['Sensitivity = TP / (TP + FN)']],
	['5 specificity formula', ['Specificity = TN / (TN + FP)']],
	['5 reading time formula', ['Ratio = exp(mean ln t[test]']],
	['5 CI methods', ['jackknife covariance', 'Hillis', 'DeLong', 'Wilson score interval']],
	['5 hypotheses', ['H0: Δ ≤ −0.05; H1: Δ > −0.05']],
	[
		'5 margin justification',
		['Clinical justification of the margin', 'changes patient management']
	],
	['8 conclusion', ['8. Conclusion and limitations']],
	['8 declared limitations', ['Limitations declared in the', 'Lesions smaller than 5 mm']],
	['8 limitations the data show', ['Limitations the data show']],
	['8 clinical-use restrictions', ['Clinical-use restrictions and', 'stand-alone diagnosis']],
	['9 logs kept', ['E. Logs kept', 'Inference job log', 'Audit trail']],
	[
		'9 protocol hash and version history',
		['F. Approved protocol and version history', 'first load']
	],
	[
		'9 qualification records',
		['G. Qualification records', 'Years of experience', 'thoracic radiology', '2026-10-05']
	],
	[
		'9 signature page',
		['H. Signature page', 'Principal executor of the', 'Data statistician', 'Project lead']
	],
	['9 e-signature of the statistician', ['signed electronically by']],
	['9 retention period', ['kept for 10 years (at least 5)']],
	['9 archive location', ['Archive location', 'records archive, room B-12']]
];

/** The new parts in Chinese, each a heading or a phrase the seeds use. */
const TABLE_3_ZH = [
	'验证执行机构',
	'验证机构资质声明',
	'保密声明',
	'发布日期',
	'建库入排标准',
	'纳入标准',
	'排除标准',
	'脱敏合规性证明',
	'测试数据集构成',
	'数据来源中心数量',
	'网络拓扑结构',
	'依赖软件库版本',
	'评价指标、计算公式及置信区间计算方法',
	'灵敏度',
	'特异度',
	'界值的临床依据',
	'非劣效',
	'方案声明的局限性',
	'临床使用限制及警示建议',
	'原始运行日志清单',
	'审批通过的性能验证方案及版本历史',
	'参与人员资质记录',
	'签名页',
	'主要验证执行人',
	'数据统计分析师',
	'验证项目负责人',
	'保存 10 年',
	'归档位置'
];

/** Text with its runs of white space made one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The text of HTML: tags dropped, entities read. */
const htmlText = (text: string) =>
	text
		.replace(/<[^>]+>/g, ' ')
		.replace(/&gt;/g, '>')
		.replace(/&lt;/g, '<')
		.replace(/&amp;/g, '&')
		.replace(/&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ');

let html: string;
let pdfText: string;
let input: ReportInput;

beforeAll(async () => {
	requireSystemTool('chromium');
	requireSystemTool('pdftotext');
	const work = mkdtempSync(join(tmpdir(), 'tandem-report-table3-'));
	const studyDir = join(work, 'demo-crossover');
	cpSync('studies/demo-crossover', studyDir, {
		recursive: true,
		filter: (source) => !source.includes('/images')
	});
	await generateDemoStudy({ outDir: studyDir });
	const { env: databaseEnv, db } = await commandDatabase(join(work, 'tandem.db'));
	const env = {
		...databaseEnv,
		TANDEM_DEMO_PASSWORD: PASSWORD,
		TANDEM_SIGNATURE_PASSWORD: PASSWORD
	};
	const run = (args: string[]) => {
		const result = runCli(args, env);
		expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
	};
	const study = ['--study', 'demo-crossover'];
	run(['demo', 'setup', '--dir', studyDir]);
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
	html = htmlText(readFileSync(join(out, 'report.html'), 'utf8'));
	pdfText = flat(pdfPageTexts(join(out, 'report.pdf')).join('\n'));
	input = (await buildReport(db, operatorPrincipal(), 'demo-crossover')).input;
}, 600_000);

describe('the demo report against table 3', () => {
	it.each(TABLE_3)('has %s in its HTML', (_item, fragments) => {
		for (const fragment of fragments) expect(html).toContain(fragment);
	});

	it.each(TABLE_3)('has %s in its PDF', (_item, fragments) => {
		for (const fragment of fragments) expect(pdfText).toContain(fragment);
	});

	it('puts the protocol’s SHA-256 and the model’s weights hash in the PDF', () => {
		expect(input.verification!.protocolVersions.at(-1)!.sha256).toBe(
			input.fingerprints.protocolSha256
		);
		expect(pdfText).toContain(input.fingerprints.protocolSha256);
		const sha = input.verification!.statement.tool.sha256!;
		expect(sha).toMatch(/^[0-9a-f]{64}$/);
		expect(pdfText).toContain(sha);
	});

	it('renders the new parts in Simplified Chinese from the same data', () => {
		const zh = htmlText(verificationReportHtml({ ...input, lang: 'zh' }));
		for (const fragment of TABLE_3_ZH) expect(zh, fragment).toContain(fragment);
	});
});
