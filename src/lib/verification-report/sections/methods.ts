// Section 5, metrics and methods: how each metric is computed, the MRMC analysis the decisions
// rest on, and the secondary analyses (reading time, subgroups, crossover, agreement, AI).
import type { ReportInput } from '../report-input';
import { escape } from '../html';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { armsDifference } from './endpoints';
import { lesionMethodsItems } from './lesion-methods';
import { metricFormulasPart } from './methods-formulas';

const TEXT = {
	en: {
		items: (
			arms: string,
			failureRule: string
		) => `<li><strong>AUC</strong>: empirical (trapezoidal) area under each reader's ROC curve from the confidence ratings,
i.e. the Wilcoxon–Mann–Whitney statistic with ties counting ½: AUC = (1 / n₁n₀) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ).</li>
<li><strong>Sensitivity</strong> = TP / (TP + FN) and <strong>specificity</strong> = TN / (TN + FP)
from each reader's binary decision; single-reader 95 % intervals are Wilson score intervals;
single-reader AUC intervals use DeLong's variance.</li>
<li><strong>MRMC analysis</strong>: Obuchowski–Rockette (OR) with jackknife covariance over cases,
Hillis (2007) denominator degrees of freedom for random readers and random cases
(RRRC, the analysis the decisions rest on); fixed readers (FRRC, normal reference)
and fixed cases (RRFC, df (t−1)(r−1)) are reported beside it.
Results are identical to MRMCaov 0.3.0 and RJafroc 2.1.3 on their reference data.</li>
<li><strong>Decisions</strong>: one-sided tests of ${arms} at the declared α:
non-inferiority when the lower (1 − α) bound exceeds −δ; superiority when it exceeds 0.
The p beside each decision is that test's one-sided p against the same bound (H0: Δ ≤ −δ, Δ ≤ 0;
a time ratio ≥ 1), so a decision is met exactly when p &lt; α; the two-sided p of no difference
(Δ = 0) is a separate column.</li>
<li><strong>Reading time</strong>: OR analysis of each reader's mean log(seconds);
the difference of means is the log of the ratio of geometric means;
superiority (faster) when the upper (1 − α) bound of the ratio is below 1.</li>
<li><strong>Subgroups</strong>: the same RRRC analysis on the reads of each subgroup
(reader site; case site, vendor, device and demographic strata); subgroups are descriptive, not powered.
A limit beyond the possible range (a difference outside [−1, 1], an arm's value outside [0, 1]), as
the t interval of a subgroup with few readers gives, is truncated to it and the row says so.</li>
<li><strong>Crossover checks</strong>: period effect by OR analysis with the period in place of the arm;
sequence (carry-over) effect by Welch's t test of the readers' per-reader differences between sequence groups.</li>
<li><strong>Agreement</strong>: Fleiss' kappa over readers per arm (jackknife CI), mean pairwise Cohen's kappa;
after unblinding, mean Cohen's kappa between readers and the AI's call per arm.</li>
<li><strong>Standalone AI</strong>: sensitivity and specificity at the model's declared threshold,
AUC of its score (DeLong); cases the AI could not process are kept in the denominator,
scored by the protocol's rule (${failureRule}).</li>
`
	},
	zh: {
		items: (
			arms: string,
			failureRule: string
		) => `<li><strong>曲线下面积（AUC）</strong>：由置信度评分得到的各阅片者受试者工作特征（ROC）曲线下的经验（梯形法）面积，
即 Wilcoxon–Mann–Whitney 统计量，结值计 ½：AUC = (1 / n₁n₀) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ)。</li>
<li><strong>灵敏度</strong> = TP / (TP + FN)，<strong>特异度</strong> = TN / (TN + FP)，
由各阅片者的二分类判断计算；单个阅片者的 95% 置信区间为 Wilson 评分区间；
单个阅片者 AUC 的置信区间采用 DeLong 方差。</li>
<li><strong>多阅片者多病例（MRMC）分析</strong>：Obuchowski–Rockette（OR）方法，对病例采用刀切法（jackknife）估计协方差，
阅片者与病例均为随机效应时采用 Hillis (2007) 分母自由度（RRRC，各项判定所依据的分析）；
固定阅片者（FRRC，正态参考分布）与固定病例（RRFC，自由度 (t−1)(r−1)）的结果并列报告。
在各自的参考数据上，结果与 MRMCaov 0.3.0 及 RJafroc 2.1.3 一致。</li>
<li><strong>判定</strong>：在预设 α 水平下对 ${arms} 进行单侧检验：
当 (1 − α) 置信下限大于 −δ（非劣效界值）时判定非劣效成立；大于 0 时判定优效性成立。
每项判定旁的 p 为该检验针对同一界限的单侧 p 值（H0：Δ ≤ −δ，Δ ≤ 0；
时间比值 ≥ 1），因此当且仅当 p &lt; α 时判定成立；无差异（Δ = 0）的双侧 p 值单列一栏。</li>
<li><strong>阅片时间</strong>：对各阅片者 log(秒) 的均值进行 OR 分析；
均值之差即几何均值之比的对数；比值的 (1 − α) 置信上限小于 1 时判定优效（更快）。</li>
<li><strong>亚组</strong>：对每个亚组的阅片进行同样的 RRRC 分析
（阅片者所在中心；病例来源中心、设备厂商、设备及人口学分层）；亚组分析为描述性，未按亚组计算样本量。
当置信限超出可能范围（差值超出 [−1, 1]，某组的值超出 [0, 1]）——阅片者较少的亚组的 t 区间可能如此——
将其截断至该范围，并在该行注明。</li>
<li><strong>交叉设计检验</strong>：以时期代替组别进行 OR 分析，检验时期效应；
以 Welch t 检验比较不同序列组阅片者的个人差值，检验序列（延滞）效应。</li>
<li><strong>一致性</strong>：各组阅片者间的 Fleiss kappa（刀切法置信区间）及两两 Cohen kappa 均值；
揭盲后，另给出各组阅片者与 AI 判断之间的 Cohen kappa 均值。</li>
<li><strong>AI 独立性能</strong>：模型预设阈值下的灵敏度与特异度，
其评分的 AUC（DeLong）；AI 未能处理的病例保留在分母中，
按方案规则计分（${failureRule}）。</li>
`
	}
};

const FAILURE_RULES_ZH: Record<string, string> = {
	negative: '记为阴性',
	positive: '记为阳性'
};

export function methodsSection(input: ReportInput): string {
	const rule = input.ai?.failureRule ?? 'negative';
	const failureRule = escape(input.lang === 'zh' ? (FAILURE_RULES_ZH[rule] ?? rule) : rule);
	const t = inLanguage(input.lang, TEXT);
	return `<section id="s5"><h2>${sectionHeading(input.lang, 5)}</h2>
<ul>
${t.items(armsDifference(input), failureRule)}${lesionMethodsItems(input.analysis.lesionMethod ?? null, input.lang)}
</ul>
${metricFormulasPart(input)}
</section>`;
}
