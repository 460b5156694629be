// The report's table-3 parts (statement; criteria, composition, de-identification; host; formulas
// and margins; limitations; logs, protocol history, qualifications, signature page, retention) from
// a Van Dyke analysis and declared values given here, in English and in Simplified Chinese.
import { describe, expect, it } from 'vitest';
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { SubgroupAnalysis } from '../../stats/trial/subgroup-analysis';
import type { ReportInput, ReportVerification } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { verificationReportHtml } from '../verification-report';
import { statementPart } from './statement';
import { testSetCriteriaPart } from './test-set-criteria';
import { environmentHostPart } from './environment-host';
import { metricFormulasPart, metricsUsed } from './methods-formulas';
import { declaredLimitationsPart, limitationsShown } from './conclusion-limitations';
import { annexRecordsPart } from './annex-records';
import { analysis, input, text, verification } from './table-three.fixture';

describe('statement (section 1)', () => {
	it('names the executing organisation, its qualification, the tool with its release date and hash, and Tandem', () => {
		const html = text(statementPart(input('en')));
		for (const fragment of [
			'Verification executed by Example Evaluation Lab',
			'Qualification of the executing organisation ISO/IEC 17025 accredited',
			'Tool under verification: Name lesion-finder',
			'Tool under verification: Version 2.1.0',
			'Tool under verification: Release date 2026-09-15',
			`Weights SHA-256 ${'f'.repeat(64)}`,
			'Report and analysis software Tandem 0.9.0',
			'Confidentiality : This report and its annexes are confidential.'
		])
			expect(html).toContain(fragment);
	});

	it('says what the protocol does not declare, and speaks Chinese', () => {
		const html = text(
			statementPart(
				input('zh', {
					statement: {
						...verification.statement,
						organisation: null,
						tool: { ...verification.statement.tool, releaseDate: null }
					}
				})
			)
		);
		expect(html).toContain('验证执行机构 方案中未声明');
		expect(html).toContain('验证对象：发布日期 方案中未声明');
		expect(html).toContain('保密声明');
	});
});

describe('test set (section 3)', () => {
	it('lists the criteria, the composition and, for folder-loaded images, that no de-identification record exists', () => {
		const html = text(testSetCriteriaPart(input('en')));
		expect(html).toContain('Inclusion criteria Adults aged 18 or over');
		expect(html).toContain('Exclusion criteria Severe motion artefact');
		// Van Dyke: 114 cases, 45 diseased, 69 non-diseased; one site declared.
		expect(html).toContain('Source centres 1 Total cases 114 Abnormal 45 Normal 69');
		expect(html).toContain('Tandem holds no de-identification record for them');
	});

	it('prints the import records: the profile, each run, changes per file (min / median / max; total) and per case, the review outcomes', () => {
		const deidentification: ReportVerification['deidentification'] = {
			imagesFrom: 'import',
			runs: [
				{
					run: 1,
					sourceKind: 'folder',
					status: 'completed',
					filesFound: 4,
					imported: 3,
					skipped: 1,
					failed: 0,
					startedAt: '2026-01-02T00:00:00.000Z',
					deidKeyId: 'k1'
				}
			],
			files: 3,
			// files changing 10, 12 and 14 attributes: median 12, total 36
			changes: { total: 36, min: 10, median: 12, max: 14 },
			perCase: [
				{ case: 'C1', files: 2, changes: 22 },
				{ case: 'C2', files: 1, changes: 14 }
			],
			burnedIn: { pending: 0, cleared: 1, identifying: 1 },
			withdrawnFiles: 1
		};
		const html = text(testSetCriteriaPart(input('en', { deidentification })));
		expect(html).toContain('DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile');
		expect(html).toContain('1 folder completed 4 3 1 0 2026-01-02T00:00:00.000Z k1');
		expect(html).toContain(
			'Attributes changed per file (min / median / max; total) 10 / 12.0 / 14; 36'
		);
		expect(html).toContain('0 / 1 / 1');
		expect(html).toContain('C1 2 22 C2 1 14');
		expect(text(testSetCriteriaPart(input('zh', { deidentification })))).toContain(
			'脱敏合规性证明'
		);
	});
});

describe('environment (section 4)', () => {
	it('gives the server, GPU, declared network, key library versions and the model hash', () => {
		const html = text(environmentHostPart(input('en')));
		expect(html).toContain('Server model (firmware) not readable on this machine');
		expect(html).toContain('Server model (declared) Rack server X1');
		expect(html).toContain('GPU not declared; the AI runs on the CPU');
		expect(html).toContain('Network layout (declared) Isolated LAN, no route to the internet');
		expect(html).toContain('onnxruntime-node 1.30.0, drizzle-orm 0.45.4');
		expect(html).toContain(`weights SHA-256 ${'f'.repeat(64)}`);
		expect(text(environmentHostPart(input('zh')))).toContain('网络拓扑结构（方案声明）');
	});
});

describe('methods (section 5)', () => {
	it('gives each metric used its formula and CI method, and each margin its justification', () => {
		expect(metricsUsed(input('en'))).toEqual(['auc', 'sensitivity']);
		const html = text(metricFormulasPart(input('en')));
		expect(html).toContain('Sensitivity = TP / (TP + FN)');
		expect(html).toContain('AUC = (1 / (n₁·n₀)) · Σᵢ Σⱼ ψ(Xᵢ, Yⱼ)');
		expect(html).toContain(
			'jackknife covariance over cases, Hillis denominator degrees of freedom'
		);
		expect(html).toContain('DeLong variance');
		expect(html).toContain('Wilson score interval');
		expect(html).toContain(
			'Area under the ROC curve (AUC) (primary; non-inferiority) H0: Δ ≤ −0.05; H1: Δ > −0.05 0.05 0.025 Smaller than the spread between readers.'
		);
		expect(html).toContain('Sensitivity (secondary; superiority) H0: Δ ≤ 0; H1: Δ > 0 — 0.025 —');
		const zh = text(metricFormulasPart(input('zh')));
		expect(zh).toContain('界值的临床依据');
		expect(zh).toContain('灵敏度');
		expect(zh).toContain('非劣效');
		expect(zh).toContain('置信区间');
	});

	it('says so when a margin has no justification (a protocol older than the rule)', () => {
		const margins = [{ ...verification.margins[0]!, justification: null }];
		expect(text(metricFormulasPart(input('en', { margins })))).toContain(
			'0.05 0.025 not declared in the protocol'
		);
	});
});

describe('methods (section 5), lesion-level', () => {
	it('adds the lesion-level formulas and the AI’s precision–recall, and turns the test of a fewer-is-better metric', () => {
		const endpoint = (metric: string) => ({ endpoint: { metric } });
		const lesion = {
			...input('en', {
				margins: [
					{
						group: 'secondary',
						metric: 'fp_per_image',
						hypothesis: 'non-inferiority',
						margin: 0.1,
						justification: 'One extra mark per ten normal images is dismissed in seconds.',
						alpha: 0.025
					}
				]
			}),
			ai: {
				name: 'm',
				version: '1',
				sha256: 'f',
				threshold: 0.5,
				failureRule: 'negative',
				failures: []
			},
			analysis: {
				...analysis,
				endpoints: ['wafroc', 'lesion_sensitivity', 'fp_per_image', 'auc'].map(endpoint),
				lesionMethod: {}
			}
		} as unknown as ReportInput;
		// No standalone analysis of the AI here: no sensitivity or specificity of its own.
		expect(metricsUsed(lesion)).toEqual([
			'auc',
			'wafroc',
			'lesion_sensitivity',
			'fp_per_image',
			'ai_pr'
		]);
		const html = text(metricFormulasPart(lesion));
		expect(html).toContain('wAFROC = (1 / (K₀·K₁)) · Σₖ₀ Σₖ₁ Σₗ Wₖ₁ₗ · ψ(LLₖ₁ₗ, FPₖ₀)');
		expect(html).toContain('NLF = NLs on non-diseased cases / K₀');
		expect(html).toContain('case-resampling bootstrap (2,000 resamples within truth classes)');
		expect(html).toContain('K₁, K₀: diseased and non-diseased cases');
		// Fewer is better: non-inferiority when the difference stays below +δ.
		expect(html).toContain('H0: Δ ≥ 0.1; H1: Δ < 0.1 0.1 0.025 One extra mark');
	});
});

describe('limitations (section 8)', () => {
	const overall = analysis.endpoints
		.filter(isEndpointResult)
		.find((row) => row.endpoint.metric === 'auc')!;
	const testArm = overall.arms.find((arm) => arm.arm === '2')!;
	const width = overall.rrrc.ciUpper - overall.rrrc.ciLower;
	const row = (value: string, estimate: number, differenceWidth: number) => ({
		stratum: 'vendor',
		value,
		readers: 5,
		cases: 40,
		positive: 20,
		arms: [
			{ arm: '2', estimate, ciLower: estimate - 0.05, ciUpper: estimate + 0.05, truncated: false }
		],
		difference: {
			...overall.rrrc,
			ciLower: overall.rrrc.estimate - differenceWidth / 2,
			ciUpper: overall.rrrc.estimate + differenceWidth / 2,
			truncated: false
		}
	});
	const subgroups: SubgroupAnalysis[] = [
		{
			metric: 'auc',
			rows: [
				row('low', testArm.ciLower - 0.01, width), // below the overall lower bound
				row('small', testArm.estimate, 2.5 * width), // 2.5 × as wide
				row('typical', testArm.estimate, 1.5 * width) // neither
			]
		}
	];
	const withSubgroups = (lang: ReportLanguage): ReportInput => ({
		...input(lang),
		analysis: { ...analysis, subgroups }
	});

	it('lists the subgroups below the overall interval and those too wide, and nothing else', () => {
		const lines = limitationsShown(withSubgroups('en'));
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain('in Vendor = low (');
		expect(lines[0]).toContain('lies below the lower bound of its overall 95 % interval');
		expect(lines[1]).toContain(
			'in Vendor = small, the 95 % interval of the difference is more than 2 times as wide'
		);
		expect(lines.join(' ')).not.toContain('typical');
	});

	it('prints the declared limitations and restrictions beside them, in both languages', () => {
		const html = text(declaredLimitationsPart(withSubgroups('en')));
		expect(html).toContain('Limitations declared in the protocol Few small lesions');
		expect(html).toContain(
			'Clinical-use restrictions and warnings Not for use without a radiologist'
		);
		const zh = text(declaredLimitationsPart(withSubgroups('zh')));
		expect(zh).toContain('临床使用限制及警示建议');
		expect(zh).toContain('数据显示的局限性');
		expect(zh).toContain('该亚组的性能可能低于总体');
	});
});

describe('annexes (section 9)', () => {
	it('lists the logs, the protocol history, the qualifications, the signature page and the retention', () => {
		const html = text(annexRecordsPart(input('en')));
		expect(html).toContain('database table audit_events; exported by tandem audit 321');
		expect(html).toContain('results: done 118, failed 2; 126 attempts');
		expect(html).toContain(`1 1.0 2026-01-01T00:00:00.000Z ${'a'.repeat(64)} first load`);
		expect(html).toContain(`2 1.1 2026-02-01T00:00:00.000Z ${'b'.repeat(64)} washout longer`);
		expect(html).toContain('Reader R01 site-a 12 chest — 2026-01-10');
		expect(html).toContain('Adjudicator ADJ1 — 20 thoracic L-77 —');
		// The statistician signed this report; the evaluator's signature is of an earlier content.
		expect(html).toContain(
			'Data statistician Dr. Stat signed electronically by Jonas Berg (authored), 2026-11-23 11:30:00Z 2026-11-23'
		);
		expect(html).toContain('Principal executor of the verification Dr. Exe');
		expect(html).not.toContain('Old Signer');
		expect(html).toContain('Project lead (or authorised signatory) not declared');
		expect(html).toContain('kept for 10 years (at least 5)');
		expect(html).toContain('Archive location: Records room B');
		const zh = text(annexRecordsPart(input('zh')));
		for (const fragment of [
			'签名页',
			'主要验证执行人',
			'数据统计分析师',
			'验证项目负责人',
			'保存 10 年',
			'归档位置',
			'原始运行日志清单',
			'验证机构公章',
			'Jonas Berg 已电子签名（编写）',
			'结果：完成 118，失败 2'
		])
			expect(zh).toContain(fragment);
	});

	it('puts every part in its section of the whole report', () => {
		const html = verificationReportHtml(input('en'));
		const sections = new Map(
			[...html.matchAll(/<section id="s(\d)">([\s\S]*?)<\/section>/g)].map((match) => [
				Number(match[1]),
				match[2]!
			])
		);
		expect(sections.get(1)).toContain('Verification executed by');
		expect(sections.get(3)).toContain('Inclusion criteria');
		expect(sections.get(4)).toContain('Network layout (declared)');
		expect(sections.get(5)).toContain('Clinical justification of the margin');
		expect(sections.get(8)).toContain('Clinical-use restrictions and warnings');
		expect(sections.get(9)).toContain('H. Signature page');
	});
});
