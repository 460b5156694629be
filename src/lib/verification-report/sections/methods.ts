// Section 5, metrics and methods: how each metric is computed, the MRMC analysis the decisions
// rest on, and the secondary analyses (reading time, subgroups, crossover, agreement, AI).
import type { ReportInput } from '../report-input';
import { escape } from '../html';
import { armsDifference } from './endpoints';
import { lesionMethodsItems } from './lesion-methods';
import { metricFormulasPart } from './methods-formulas';

export function methodsSection(input: ReportInput): string {
	const failureRule = escape(input.ai?.failureRule ?? 'negative');
	return `<section id="s5"><h2>5. Metrics and methods</h2>
<ul>
<li><strong>AUC</strong>: empirical (trapezoidal) area under each reader's ROC curve from the confidence ratings,
i.e. the Wilcoxon–Mann–Whitney statistic with ties counting ½: AUC = (1 / n₁n₀) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ).</li>
<li><strong>Sensitivity</strong> = TP / (TP + FN) and <strong>specificity</strong> = TN / (TN + FP)
from each reader's binary decision; single-reader 95 % intervals are Wilson score intervals;
single-reader AUC intervals use DeLong's variance.</li>
<li><strong>MRMC analysis</strong>: Obuchowski–Rockette (OR) with jackknife covariance over cases,
Hillis (2007) denominator degrees of freedom for random readers and random cases
(RRRC, the analysis the decisions rest on); fixed readers (FRRC, normal reference)
and fixed cases (RRFC, df (t−1)(r−1)) are reported beside it.
Results are identical to MRMCaov 0.3.0 and RJafroc 2.1.3 on their reference data.</li>
<li><strong>Decisions</strong>: one-sided tests of ${armsDifference(input)} at the declared α:
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
${lesionMethodsItems(input.analysis.lesionMethod ?? null)}
</ul>
${metricFormulasPart(input)}
</section>`;
}
