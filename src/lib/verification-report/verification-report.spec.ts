// The report's HTML from a trial analysis of the Van Dyke data (MRMCaov's figures): the nine
// sections, the endpoint figures as printed, escaping, and what blinding withholds.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../stats/trial/trial-analysis';
import type { EndpointResult } from '../stats/trial/endpoint-analysis';
import { formatEstimateCi } from './figures/forest-plot';
import { verificationReportHtml } from './verification-report';
import { commandLines } from './sections/annexes';
import type { ReportInput } from './report-input';
import { expectedAnalysis, referenceRows } from '$fixtures/stats/reference-reads.fixture';

const analysis = analyzeTrial({
	reads: referenceRows('vandyke.csv').map((row) => ({
		...row,
		decision: row.rating >= 3 ? (1 as const) : (0 as const)
	})),
	readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: `site-${reader}` })),
	cases: [],
	arms: { test: '2', reference: '1' },
	endpoints: [
		{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 }
	],
	strata: []
});

function input(blinded: boolean): ReportInput {
	return {
		lang: 'en',
		generatedAt: '2026-11-23T12:00:00.000Z',
		generator: 'Tandem test',
		study: {
			slug: 'van-dyke',
			title: 'Van Dyke <re-analysis> & "friends"',
			protocolVersion: '1',
			description: 'Cine MRI vs spin-echo MRI.',
			designType: 'fully-crossed',
			washoutDays: null,
			arms: [
				{ id: 'a', label: 'One', ai: false },
				{ id: 'b', label: 'Two', ai: true }
			],
			sites: [],
			truthSource: 'published',
			demo: false
		},
		blinded,
		unblindedAt: blinded ? null : '2026-11-23T11:00:00.000Z',
		fingerprints: {
			protocolSha256: 'p'.repeat(64),
			lock: 'l'.repeat(64),
			lockedAt: '2026-11-22T00:00:00.000Z',
			exportId: 1,
			exportManifestSha256: 'm'.repeat(64),
			readsSha256: 'r'.repeat(64),
			datasetFreeze: null
		},
		testSet: { strata: [], independence: null, readers: [], simulatedReads: 0 },
		environment: [{ item: 'Runtime', value: 'Node.js' }],
		analysis,
		arms: analysis.arms,
		reproduce: blinded ? null : { aided: '2', unaided: '1' },
		ai: null,
		anomalies: {
			deviations: [],
			flags: [],
			queries: [],
			aiAttempts: [],
			amendments: [],
			readsAfterLock: [],
			notes: []
		},
		annex: {
			manifestFiles: [],
			publicKeyPem: 'KEY',
			audit: {
				events: 3,
				chainIntact: true,
				headHash: 'h'.repeat(64),
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
