// Section 5's table-3 items: every metric the study uses with its formula and the confidence
// interval method the analysis applies to it (as src/lib/stats computes them: Obuchowski–Rockette
// with jackknife covariance and Hillis df for reader averages and arm differences; DeLong for one
// reader's or the AI's AUC; Wilson score for one reader's or the AI's proportions), then every
// endpoint's hypotheses with its margin and the margin's clinical justification.
import type { ReportInput } from '../report-input';
import { inLanguage, type ReportLanguage } from '../report-language';
import { escape, table } from '../html';
import { declaredOrNull } from '../../design/protocol/declared-text';

type Metric =
	| 'auc'
	| 'sensitivity'
	| 'specificity'
	| 'reading_time'
	| 'wafroc'
	| 'afroc'
	| 'lesion_sensitivity'
	| 'fp_per_image'
	| 'lroc'
	| 'ai_pr';

/** The formulas are the same in both languages; the words around them are not. */
const FORMULAS: Record<Metric, string> = {
	auc: 'AUC = (1 / (n₁·n₀)) · Σᵢ Σⱼ ψ(Xᵢ, Yⱼ); ψ = 1 if Xᵢ > Yⱼ, ½ if Xᵢ = Yⱼ, 0 otherwise',
	sensitivity: 'Sensitivity = TP / (TP + FN)',
	specificity: 'Specificity = TN / (TN + FP)',
	reading_time:
		'Ratio = exp(mean ln t[test] − mean ln t[reference]) = GM(t[test]) / GM(t[reference])',
	wafroc: 'wAFROC = (1 / (K₀·K₁)) · Σₖ₀ Σₖ₁ Σₗ Wₖ₁ₗ · ψ(LLₖ₁ₗ, FPₖ₀); Σₗ Wₖ₁ₗ = 1',
	afroc: 'AFROC = (1 / (K₀·L)) · Σₖ₀ Σ₍ₖ₁,ₗ₎ ψ(LLₖ₁ₗ, FPₖ₀)',
	lesion_sensitivity: 'LLF = lesions localised / L',
	fp_per_image: 'NLF = NLs on non-diseased cases / K₀',
	lroc: 'PCL(FPF) = #{diseased cases with an LL rated > ζ(FPF)} / K₁',
	ai_pr:
		'Precision = TP / (TP + FP), Recall = TP / (TP + FN); AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ (all points)'
};

const CASE_LEVEL = new Set<Metric>(['auc', 'sensitivity', 'specificity', 'reading_time']);

const TEXT = {
	en: {
		heading: 'Metrics, formulas and confidence interval methods',
		metric: 'Metric',
		formula: 'Formula',
		ci: 'Confidence interval (95 %)',
		legend:
			'Xᵢ: rating of diseased case i (n₁ cases), Yⱼ: rating of non-diseased case j (n₀ cases); TP, FN, TN, FP: true positives, false negatives, true negatives, false positives of the binary decision; t: reading time in seconds, GM: geometric mean.',
		lesionLegend:
			'K₁, K₀: diseased and non-diseased cases, L: lesions, LLₖ₁ₗ: rating of the mark that localised lesion l (−∞ when unmarked), FPₖ₀: highest non-lesion mark rating on non-diseased case k₀ (−∞ when none), W: lesion weights; ζ(FPF): the rating threshold at which the declared false-positive fraction is reached.',
		names: {
			auc: 'Area under the ROC curve (AUC)',
			sensitivity: 'Sensitivity',
			specificity: 'Specificity',
			reading_time: 'Reading time',
			wafroc: 'wAFROC figure of merit',
			afroc: 'AFROC figure of merit',
			lesion_sensitivity: 'Lesion sensitivity',
			fp_per_image: 'False-positive marks per normal image',
			lroc: 'Probability of correct localisation (PCL)',
			ai_pr: 'AI precision–recall (average precision)'
		} satisfies Record<Metric, string>,
		orMethod:
			'Reader average and arm difference: Obuchowski–Rockette, random readers and cases (RRRC), jackknife covariance over cases, Hillis denominator degrees of freedom, t interval',
		delong: 'one reader, and the AI alone: DeLong variance, normal interval truncated to [0, 1]',
		wilson: 'one reader, and the AI alone: Wilson score interval',
		timeMethod:
			'Obuchowski–Rockette RRRC on each reader’s mean ln(seconds); the interval of the difference exponentiated into one of the ratio',
		lesionMethod: 'Obuchowski–Rockette RRRC, jackknife over cases, Hillis df, t interval',
		bootstrap:
			'case-resampling bootstrap (2,000 resamples within truth classes), percentile interval',
		hypotheses: 'Hypotheses and margins',
		endpoint: 'Endpoint',
		hypothesis: 'Hypotheses (Δ = test − reference)',
		margin: 'Margin δ',
		alpha: 'One-sided α',
		justification: 'Clinical justification of the margin',
		none: '—',
		missing: 'not declared in the protocol',
		primary: 'primary',
		secondary: 'secondary',
		nonInferiority: 'non-inferiority',
		superiority: 'superiority'
	},
	zh: {
		heading: '评价指标、计算公式及置信区间计算方法',
		metric: '评价指标',
		formula: '计算公式',
		ci: '置信区间（95%）计算方法',
		legend:
			'Xᵢ：阳性病例 i 的评分（共 n₁ 例），Yⱼ：阴性病例 j 的评分（共 n₀ 例）；TP、FN、TN、FP：二分类判定的真阳性、假阴性、真阴性、假阳性数；t：阅片时间（秒），GM：几何均数。',
		lesionLegend:
			'K₁、K₀：阳性与阴性病例数，L：病灶数，LLₖ₁ₗ：定位到病灶 l 的标记评分（未标记为 −∞），FPₖ₀：阴性病例 k₀ 上非病灶标记的最高评分（无标记为 −∞），W：病灶权重；ζ(FPF)：达到方案规定假阳性率时的评分阈值。',
		names: {
			auc: '受试者工作特征曲线下面积（AUC）',
			sensitivity: '灵敏度',
			specificity: '特异度',
			reading_time: '阅片时间',
			wafroc: 'wAFROC 品质因数',
			afroc: 'AFROC 品质因数',
			lesion_sensitivity: '病灶灵敏度',
			fp_per_image: '每幅正常图像的假阳性标记数',
			lroc: '正确定位概率（PCL）',
			ai_pr: '辅助工具精确率–召回率（平均精确率）'
		} satisfies Record<Metric, string>,
		orMethod:
			'阅片者平均值及组间差值：Obuchowski–Rockette 法，阅片者与病例均为随机效应（RRRC），病例刀切法（jackknife）协方差，Hillis 分母自由度，t 分布区间',
		delong: '单个阅片者及辅助工具单独：DeLong 方差，正态区间截断至 [0, 1]',
		wilson: '单个阅片者及辅助工具单独：Wilson 得分区间',
		timeMethod:
			'对每位阅片者的 ln(秒) 均值进行 Obuchowski–Rockette RRRC 分析；差值区间取指数后得到比值区间',
		lesionMethod: 'Obuchowski–Rockette RRRC，病例刀切法，Hillis 自由度，t 分布区间',
		bootstrap: '按病例重抽样的自助法（在真值类别内重抽 2000 次），百分位数区间',
		hypotheses: '统计假设与界值',
		endpoint: '终点',
		hypothesis: '统计假设（Δ = 试验组 − 对照组）',
		margin: '界值 δ',
		alpha: '单侧 α',
		justification: '界值的临床依据',
		none: '—',
		missing: '方案中未声明',
		primary: '主要终点',
		secondary: '次要终点',
		nonInferiority: '非劣效',
		superiority: '优效'
	}
} satisfies Record<ReportLanguage, unknown>;

type Text = (typeof TEXT)['en'];

function ciMethod(metric: Metric, t: Text): string {
	switch (metric) {
		case 'auc':
			return `${t.orMethod}; ${t.delong}`;
		case 'sensitivity':
		case 'specificity':
			return `${t.orMethod}; ${t.wilson}`;
		case 'reading_time':
			return t.timeMethod;
		case 'ai_pr':
			return t.bootstrap;
		default:
			return t.lesionMethod;
	}
}

/** The metrics the study uses: its endpoints', the AI's standalone ones, its PR curve when lesion-level. */
export function metricsUsed(input: ReportInput): Metric[] {
	const used = new Set<Metric>(input.analysis.endpoints.map((row) => row.endpoint.metric));
	if (input.analysis.standaloneAi)
		for (const metric of ['auc', 'sensitivity', 'specificity'] as const) used.add(metric);
	if (input.analysis.lesionMethod && input.ai) used.add('ai_pr');
	const order = Object.keys(FORMULAS) as Metric[];
	return order.filter((metric) => used.has(metric));
}

/** H0 and H1 in words that hold in both languages (symbols only). */
function hypothesesOf(metric: string, hypothesis: string, margin: number | null): string {
	const delta = margin ?? 0;
	if (metric === 'reading_time') return 'H0: ratio ≥ 1; H1: ratio < 1';
	if (metric === 'fp_per_image')
		return hypothesis === 'non-inferiority'
			? `H0: Δ ≥ ${delta}; H1: Δ < ${delta}`
			: 'H0: Δ ≥ 0; H1: Δ < 0';
	return hypothesis === 'non-inferiority'
		? `H0: Δ ≤ −${delta}; H1: Δ > −${delta}`
		: 'H0: Δ ≤ 0; H1: Δ > 0';
}

function hypothesesTable(input: ReportInput, t: Text): string {
	const margins = input.verification?.margins ?? [];
	if (margins.length === 0) return '';
	const rows = margins.map((row) => {
		const name = t.names[row.metric as Metric] ?? row.metric;
		const kind = row.hypothesis === 'non-inferiority' ? t.nonInferiority : t.superiority;
		return [
			escape(`${name} (${row.group === 'primary' ? t.primary : t.secondary}; ${kind})`),
			escape(hypothesesOf(row.metric, row.hypothesis, row.margin)),
			row.margin === null ? t.none : String(row.margin),
			String(row.alpha),
			row.margin === null
				? t.none
				: escape(declaredOrNull(row.justification, input.lang) ?? t.missing)
		];
	});
	return `<h3>${t.hypotheses}</h3>${table([t.endpoint, t.hypothesis, t.margin, t.alpha, t.justification], rows, 'margins')}`;
}

export function metricFormulasPart(input: ReportInput): string {
	if (!input.verification) return '';
	const t = inLanguage(input.lang, TEXT);
	const used = metricsUsed(input);
	const lesion = used.some((metric) => !CASE_LEVEL.has(metric));
	const rows = used.map((metric) => [
		escape(t.names[metric]),
		escape(FORMULAS[metric]),
		escape(ciMethod(metric, t))
	]);
	return `<h3>${t.heading}</h3>
${table([t.metric, t.formula, t.ci], rows, 'formulas')}
<p class="small">${escape(t.legend)}${lesion ? ` ${escape(t.lesionLegend)}` : ''}</p>
${hypothesesTable(input, t)}`;
}
