// The report's HTML from a trial analysis of the Van Dyke data (MRMCaov's figures): the nine
// sections, the endpoint figures as printed, escaping, and what blinding withholds.
import { describe, expect, it } from 'vitest';
import type { EndpointResult } from '../stats/trial/endpoint-analysis';
import { formatEstimateCi } from './figures/forest-plot';
import { verificationReportHtml } from './verification-report';
import { commandLines } from './sections/annexes';
import type { ReportInput } from './report-input';
import { expectedAnalysis } from '$fixtures/stats/reference-reads.fixture';
import { reportInputOf, vanDykeAnalysis } from './report-input.fixture';
import { englishRuns, visibleHtmlText } from '$fixtures/untranslated-english.fixture';

const analysis = vanDykeAnalysis([
	{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 }
]);

function input(blinded: boolean): ReportInput {
	const base = reportInputOf(analysis, { blinded });
	return {
		...base,
		study: {
			...base.study,
			title: 'Van Dyke <re-analysis> & "friends"',
			description: 'Cine MRI vs spin-echo MRI.'
		},
		annex: {
			...base.annex,
			audit: {
				...base.annex.audit,
				checkpoint: {
					seq: 3,
					hash: 'h'.repeat(64),
					signedAt: '2026-03-01T09:00:00.000Z',
					signature: 'c2lnbmF0dXJl+/='
				}
			}
		}
	};
}

describe('verificationReportHtml', () => {
	const open = verificationReportHtml(input(false));
	const primary = analysis.endpoints[0] as EndpointResult;
	const expected = expectedAnalysis('vandyke.auc.jackknife.expected.json').rrrc.diffs[0]!;

	it('has the nine sections of the verification report, in order', () => {
		const ids = [...open.matchAll(/<section id="s(\d)">/g)].map((match) => Number(match[1]));
		expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		for (const title of [
			'Statement and summary',
			'Purpose and scope',
			'Test set',
			'Environment',
			'Metrics and methods',
			'Results',
			'Anomalies',
			'Conclusion and limitations',
			'Annexes'
		])
			expect(open).toContain(title);
	});

	it('prints the endpoint difference as MRMCaov has it (2 − 1), with the decision and the figures', () => {
		expect(primary.rrrc.estimate).toBeCloseTo(-expected.estimate, 12);
		expect(open).toContain(
			formatEstimateCi(-expected.estimate, -expected.ci_upper, -expected.ci_lower, 4)
		);
		expect(open).toContain('<strong class="met">Met</strong>');
		expect(open.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
		expect(open).toContain(
			'<pre class="command">tandem analyze --input reads.csv --fom auc --test 2 --reference 1 \\\n  --margin 0.05 --alpha 0.025 --format json</pre>'
		);
	});

	it('breaks a long command only between options, each line but the last a shell continuation', () => {
		const words = ['tandem analyze', '--input reads.csv', '--fom sensitivity', '--margin 0'];
		expect(commandLines(words, 40)).toEqual([
			'tandem analyze --input reads.csv \\',
			'  --fom sensitivity --margin 0'
		]);
		expect(commandLines(words, 200)).toEqual([words.join(' ')]);
		for (const width of [10, 30, 50])
			for (const line of commandLines(words, width)) expect(line).not.toMatch(/^\s*$/);
	});

	it('names the last signed audit checkpoint in the annex, or says there is none', () => {
		expect(open).toContain(
			`<td>Signed audit checkpoint</td><td>sequence 3 of 2026-03-01T09:00:00.000Z, hash <code>${'h'.repeat(64)}</code>, Ed25519 signature <code>c2lnbmF0dXJl+/=</code></td>`
		);
		const unsigned = input(false);
		unsigned.annex.audit.checkpoint = null;
		expect(verificationReportHtml(unsigned)).toContain(
			'<td>Signed audit checkpoint</td><td>none</td>'
		);
	});

	it('escapes text from the protocol', () => {
		expect(open).toContain('Van Dyke &lt;re-analysis&gt; &amp; &quot;friends&quot;');
		expect(open).not.toContain('<re-analysis>');
	});

	it('withholds decisions and agreement with the AI while blinded, and says so', () => {
		const blind = verificationReportHtml(input(true));
		expect(blind).toContain('class="banner">BLINDED');
		expect(blind).not.toMatch(/class="(met|not-met)"/);
		expect(blind).toContain('withheld until unblinding');
		expect(blind).not.toContain('non-inferiority margin');
	});

	it('ties no code to an arm while blinded: the reproduction commands name no aided or unaided arm', () => {
		const blind = verificationReportHtml(input(true));
		expect(blind).toContain('tandem analyze --input reads.csv --fom auc');
		expect(blind).not.toMatch(/--(un)?aided/);
		expect(blind).not.toMatch(/\baided\b|\bunaided\b/i);
		const open = verificationReportHtml(input(false));
		expect(open).toContain('--test 2 --reference 1');
	});

	it('lists the electronic signatures in annex D: name, role, meaning, UTC time, what was signed, hash', () => {
		const signed = verificationReportHtml({
			...input(false),
			signOff: {
				contentSha256: 'c'.repeat(64),
				signatures: [
					{
						id: 1,
						name: 'Ada <Admin>',
						role: 'admin',
						meaning: 'responsible',
						signedAt: '2026-11-22T09:15:30.123Z',
						recordType: 'study_lock',
						recordId: '1',
						recordHash: 'l'.repeat(64)
					},
					{
						id: 2,
						name: 'Stan',
						role: 'statistician',
						meaning: 'authored',
						signedAt: '2026-11-23T12:01:00.000Z',
						recordType: 'verification_report',
						recordId: '1',
						recordHash: 'c'.repeat(64)
					}
				]
			}
		});
		const annex = signed.slice(signed.indexOf('<h3>D. Sign-off</h3>'));
		expect(annex).toContain(
			'<tr><th>Name</th><th>Role</th><th>Meaning</th><th>Signed (UTC)</th><th>What was signed</th><th>SHA-256</th></tr>'
		);
		expect(annex).toContain(
			`<tr><td>Ada &lt;Admin&gt;</td><td>admin</td><td>Responsible for</td><td>2026-11-22 09:15:30Z</td><td>Database lock (its fingerprint)</td><td><code>${'l'.repeat(64)}</code></td></tr>`
		);
		expect(annex).toContain(
			'<td>Authored</td><td>2026-11-23 12:01:00Z</td><td>This report, on export 1 (its content SHA-256)</td>'
		);
		expect(annex).toContain(`which a sign-off of it signs: <code>${'c'.repeat(64)}</code>`);
		expect(verificationReportHtml(input(false))).toContain(
			'No electronic signatures were gathered for this report.'
		);
	});
});

describe('verificationReportHtml in Simplified Chinese', () => {
	/** The fixture with something in every table: signatures, anomalies, readers, strata, the AI. */
	function full(blinded: boolean, lang: ReportInput['lang']): ReportInput {
		const base = input(blinded);
		return {
			...base,
			lang,
			study: {
				...base.study,
				sites: [{ code: 'a', name: 'Hospital A' }],
				washoutDays: 28,
				designType: 'crossover',
				demo: true
			},
			fingerprints: {
				...base.fingerprints,
				datasetFreeze: { version: 1, fingerprint: 'f'.repeat(64), frozenAt: '2026-11-21T00:00:00Z' }
			},
			testSet: {
				strata: [
					{
						stratum: 'vendor',
						categories: 2,
						gini: 0.1,
						shannon: 0.9,
						values: [
							{ value: 'ge', cases: 60 },
							{ value: 'siemens', cases: 54 }
						]
					}
				] as unknown as ReportInput['testSet']['strata'],
				independence: {
					checkedAt: '2026-11-20T00:00:00Z',
					checkedBy: 'Ada',
					manifestSha256: 't'.repeat(64),
					manifestRows: 100,
					datasetVersion: 1,
					current: false,
					cases: 114,
					overlaps: [{ case: 'C1', patient: true, institution: false }],
					unchecked: 2,
					sites: ['Hospital A']
				} as ReportInput['testSet']['independence'],
				readers: [
					{ reader: 'R1', site: 'a', yearsExperience: 5, specialty: null, withdrawn: false },
					{ reader: 'R2', site: 'a', yearsExperience: null, specialty: null, withdrawn: true }
				],
				simulatedReads: 10
			},
			environment: [
				{ item: 'Analysis software', value: 'Tandem (engine checked against reference outputs)' },
				{ item: 'Operating system', value: 'linux 6.1 x64' }
			],
			ai: {
				name: 'detector',
				version: '1.0',
				sha256: 'w'.repeat(64),
				threshold: 0.5,
				failureRule: 'negative',
				failures: [{ case: 'C9', error: 'the image could not be decoded' }]
			},
			anomalies: {
				deviations: [{ kind: 'short-read', count: 1 }],
				flags: [
					{
						kind: 'short-read',
						reader: 'R1',
						site: 'a',
						at: '2026-11-10T10:00:00.000Z',
						detail: 'read in 2 s'
					}
				],
				queries: [
					{
						target: 'read',
						site: 'a',
						raisedBy: 'Mona',
						raisedAt: '2026-11-11T10:00:00.000Z',
						question: '请确认',
						status: 'open',
						closedAt: null,
						answers: []
					}
				],
				aiAttempts: [
					{
						case: 'C9',
						attempt: 1,
						final: true,
						at: '2026-11-09T10:00:00.000Z',
						error: 'the image could not be decoded'
					}
				],
				amendments: [
					{
						revision: 2,
						protocolVersion: '1.1',
						at: '2026-11-01T00:00:00.000Z',
						sha256: 'a'.repeat(64),
						reason: null
					}
				],
				readsAfterLock: [
					{ read: 7, reader: 'R1', site: 'a', at: '2026-11-23T00:00:00.000Z', simulated: true }
				],
				notes: ['a note of the data gathering, quoted as the system wrote it']
			},
			signOff: {
				contentSha256: 'c'.repeat(64),
				signatures: [
					{
						id: 1,
						name: 'Ada',
						role: 'admin',
						meaning: 'approved',
						signedAt: '2026-11-22T09:15:30.123Z',
						recordType: 'study_lock',
						recordId: '1',
						recordHash: 'l'.repeat(64)
					}
				]
			}
		};
	}
	/** What the protocol and the people wrote: shown as written, in whatever language. */
	const userData = [
		'Van Dyke <re-analysis> & "friends"',
		'Cine MRI vs spin-echo MRI.',
		'Hospital A',
		'published'
	];
	const runsOf = (html: string) => englishRuns(visibleHtmlText(html), userData);

	it('finds the English of the English report (the check itself works)', () => {
		const runs = runsOf(verificationReportHtml(full(false, 'en'))).map((run) => run.words);
		expect(runs.length).toBeGreaterThan(100);
		expect(runs).toContain('Performance verification report');
	});

	it('leaves no English sentence in the Chinese report, blinded or not', () => {
		for (const blinded of [true, false]) {
			const runs = runsOf(verificationReportHtml(full(blinded, 'zh')));
			expect(runs, JSON.stringify(runs, null, 1)).toEqual([]);
		}
	});

	it('is a Chinese document with the nine sections of table 3, the same figures and decisions', () => {
		const zh = verificationReportHtml(full(false, 'zh'));
		const en = verificationReportHtml(full(false, 'en'));
		expect(zh).toContain('<html lang="zh-CN">');
		expect(en).toContain('<html lang="en">');
		expect([...zh.matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1])).toEqual([
			'1. 声明与摘要',
			'2. 验证目的与范围',
			'3. 测试数据集描述',
			'4. 验证环境配置',
			'5. 评价指标与方法',
			'6. 验证结果汇总',
			'7. 异常事件记录',
			'8. 结论与局限性',
			'9. 附件'
		]);
		const figures = (html: string) =>
			[...html.matchAll(/data-figure="[^"]+">([^<]+)</g)].map((m) => m[1]);
		expect(figures(zh)).toEqual(figures(en));
		expect(figures(zh).length).toBe(2); // the summary and the results
		expect(zh).toContain('<strong class="met">达到</strong>');
		expect(zh).toContain('非劣效界值');
		expect(zh).toContain('灵敏度');
		expect(zh).toContain('特异度');
		// The commands and hashes are the same in both languages.
		const commands = (html: string) =>
			[...html.matchAll(/<pre class="command">[\s\S]*?<\/pre>/g)].map((m) => m[0]);
		expect(commands(zh)).toEqual(commands(en));
	});

	it('withholds the decisions while blinded, and says so in Chinese', () => {
		const blind = verificationReportHtml(full(true, 'zh'));
		expect(blind).toContain('class="banner">盲态');
		expect(blind).not.toMatch(/class="(met|not-met)"/);
		expect(blind).toContain('揭盲前不予公布');
	});

	it('names the signatures, readers and anomalies in Chinese, quoting system messages marked as English', () => {
		const zh = verificationReportHtml(full(false, 'zh'));
		expect(zh).toContain(
			`<tr><td>Ada</td><td>管理员</td><td>批准</td><td>2026-11-22 09:15:30Z</td><td>数据库锁定（其指纹）</td><td><code>${'l'.repeat(64)}</code></td></tr>`
		);
		expect(zh).toContain('<td>已撤出</td>');
		expect(zh).toContain('<td>阅片过短</td>');
		expect(zh).toContain('<span lang="en">the image could not be decoded</span>');
		expect(zh).toContain(`本报告的内容 SHA-256`);
	});
});
