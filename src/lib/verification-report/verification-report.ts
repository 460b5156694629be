// The performance-verification report as one self-contained HTML document (printed to PDF by
// Chromium), in the nine sections of seed 001 table 3 (REP): statement and summary; purpose
// and scope; test set; environment; metrics and methods; results with figures and subgroups;
// anomalies; conclusion and limitations; annexes. Every endpoint figure is the output of the
// analysis of the blind export's reads.csv, and the annex gives the commands that reproduce it.
import { isEndpointResult, type EndpointOutcome } from '../stats/trial/trial-analysis';
import type { EndpointResult } from '../stats/trial/endpoint-analysis';
import { escapeXml as escape, formatNumber } from './figures/svg';
import { formatEstimateCi } from './figures/forest-plot';
import type { ReportInput } from './report-input';
import {
	METRIC_NAMES,
	STRATUM_NAMES,
	primaryResult,
	readerForest,
	readingTimeFigure,
	rocFigure,
	subgroupForest
} from './report-figures';

const n = (value: number | null | undefined, decimals = 4) =>
	value === null || value === undefined ? '—' : formatNumber(value, decimals);
const ci = (estimate: number, lower: number, upper: number, decimals = 4) =>
	formatEstimateCi(estimate, lower, upper, decimals);
const p = (value: number) => (value < 0.0001 ? '< 0.0001' : formatNumber(value, 4));
const pct = (value: number | null | undefined) =>
	value === null || value === undefined ? '—' : `${formatNumber(100 * value, 1)} %`;

function table(head: string[], rows: string[][], className = ''): string {
	return `<table class="${className}"><thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function figure(svg: string | null, caption: string): string {
	return svg ? `<figure>${svg}<figcaption>${escape(caption)}</figcaption></figure>` : '';
}

function endpointName(outcome: EndpointOutcome): string {
	const { endpoint } = outcome;
	const test =
		endpoint.hypothesis === 'non-inferiority'
			? `non-inferiority, margin ${endpoint.margin}`
			: 'superiority';
	return `${escape(METRIC_NAMES[endpoint.metric] ?? endpoint.metric)} (${endpoint.group}; ${test}; one-sided α ${endpoint.alpha})`;
}

function decisionText(result: EndpointResult, blinded: boolean): string {
	if (blinded) return '<em>withheld until unblinding</em>';
	const bound =
		'lowerBound' in result.test
			? `lower ${100 * (1 - result.test.alpha)} % bound ${n(result.test.lowerBound)} vs ${n(result.test.threshold, 2)}`
			: `upper ${100 * (1 - result.test.alpha)} % bound of the ratio ${n(result.test.upperBound)} vs 1`;
	return `<strong class="${result.met ? 'met' : 'not-met'}">${result.met ? 'Met' : 'Not met'}</strong> — ${escape(bound)}`;
}

function endpointRows(input: ReportInput): string[][] {
	return input.analysis.endpoints.map((outcome) => {
		if (!isEndpointResult(outcome))
			return [
				endpointName(outcome),
				'—',
				'—',
				'—',
				'—',
				`not analysable: ${escape(outcome.error)}`
			];
		const decimals = outcome.scale === 'ratio' ? 3 : 4;
		const arm = (label: string) => {
			const row = outcome.arms.find((item) => item.arm === label);
			return row ? ci(row.estimate, row.ciLower, row.ciUpper, decimals) : '—';
		};
		const { rrrc } = outcome;
		return [
			endpointName(outcome),
			arm(input.arms.reference),
			arm(input.arms.test),
			`<span class="num" data-figure="${outcome.endpoint.metric}-rrrc">${ci(rrrc.estimate, rrrc.ciLower, rrrc.ciUpper, decimals)}</span>`,
			p(rrrc.p),
			decisionText(outcome, input.blinded)
		];
	});
}

function summary(input: ReportInput): string {
	const primary = primaryResult(input.analysis);
	const { design } = input.analysis;
	const verdict = !primary
		? 'The primary endpoint could not be analysed (see section 7).'
		: input.blinded
			? `Primary endpoint difference (${escape(input.arms.test)} − ${escape(input.arms.reference)}): ${ci(primary.rrrc.estimate, primary.rrrc.ciLower, primary.rrrc.ciUpper)}. The arms are coded; the decision against the margin is read once the key is released.`
			: `Primary endpoint ${escape(METRIC_NAMES[primary.endpoint.metric] ?? '')} difference (${escape(input.arms.test)} − ${escape(input.arms.reference)}): ${ci(primary.rrrc.estimate, primary.rrrc.ciLower, primary.rrrc.ciUpper)}; ${primary.endpoint.hypothesis} ${primary.met ? '<strong class="met">shown</strong>' : '<strong class="not-met">not shown</strong>'} (${escape('lowerBound' in primary.test ? primary.test.decision : '')}).`;
	return `<section id="s1"><h2>1. Statement and summary</h2>
<p>This report verifies the performance of readers with and without the AI software <strong>${escape(input.ai ? `${input.ai.name} ${input.ai.version}` : 'under test')}</strong> in the reader study <strong>${escape(input.study.title)}</strong> (protocol ${escape(input.study.slug)} version ${escape(input.study.protocolVersion)}): ${design.readers.length} readers read ${design.cases} cases (${design.positive} diseased, ${design.negative} non-diseased) in both arms, ${design.reads} reads in all.</p>
<p class="verdict">${verdict}</p>
${table(['Endpoint', escape(input.arms.reference), escape(input.arms.test), 'Difference (95 % CI)', 'p (two-sided)', 'Decision'], endpointRows(input), 'endpoints')}
<p class="small">Differences are ${escape(input.arms.test)} − ${escape(input.arms.reference)} (reading time: ratio of geometric means), Obuchowski–Rockette, random readers and cases, jackknife covariance, Hillis degrees of freedom.</p>
${input.study.demo ? '<p class="warning">Demonstration study: synthetic images and simulated reads. Not clinical evidence.</p>' : ''}
</section>`;
}

function purpose(input: ReportInput): string {
	return `<section id="s2"><h2>2. Purpose and scope</h2>
<p>${escape(input.study.description)}</p>
${table(
	['Arm', 'AI shown'],
	input.study.arms.map((arm) => [
		escape(input.blinded ? 'coded' : arm.label),
		arm.ai ? 'yes' : 'no'
	])
)}
<p>Design: ${escape(input.study.designType)}${input.study.washoutDays === null ? '' : `, washout ${input.study.washoutDays} days`}. Sites: ${input.study.sites.map((site) => escape(site.name)).join('; ')}. Reference standard: ${escape(input.study.truthSource)}.</p>
</section>`;
}

function testSet(input: ReportInput): string {
	const { design } = input.analysis;
	const strata = input.testSet.strata
		.map(
			(stratum) =>
				`<h3>${escape(STRATUM_NAMES[stratum.stratum] ?? stratum.stratum)}</h3>${table(
					['Value', 'Cases'],
					stratum.values.map((row) => [escape(row.value), String(row.cases)]),
					'compact'
				)}`
		)
		.join('');
	return `<section id="s3"><h2>3. Test set</h2>
<p>${design.cases} cases: ${design.positive} diseased, ${design.negative} non-diseased. Readers: ${input.testSet.readers.length} enrolled${input.testSet.readers.some((row) => row.withdrawn) ? `, ${input.testSet.readers.filter((row) => row.withdrawn).length} withdrawn` : ''}.${input.testSet.simulatedReads > 0 ? ` ${input.testSet.simulatedReads} reads are simulated (demo).` : ''}</p>
${input.fingerprints.datasetFreeze ? `<p>Frozen dataset version ${input.fingerprints.datasetFreeze.version}, fingerprint <code>${escape(input.fingerprints.datasetFreeze.fingerprint)}</code> (${escape(input.fingerprints.datasetFreeze.frozenAt)}).</p>` : '<p>The case set was not frozen as a dataset version; the lock fingerprint covers every image hash.</p>'}
<div class="columns">${strata}</div>
<h3>Readers</h3>
${table(
	['Reader', 'Site', 'Years of experience', 'Specialty', 'Status'],
	input.testSet.readers.map((row) => [
		escape(row.reader),
		escape(row.site),
		row.yearsExperience === null ? '—' : String(row.yearsExperience),
		escape(row.specialty ?? '—'),
		row.withdrawn ? 'withdrawn' : 'active'
	])
)}
</section>`;
}

function environment(input: ReportInput): string {
	return `<section id="s4"><h2>4. Environment</h2>${table(
		['Item', 'Value'],
		input.environment.map((row) => [escape(row.item), `<code>${escape(row.value)}</code>`])
	)}</section>`;
}

function methods(input: ReportInput): string {
	return `<section id="s5"><h2>5. Metrics and methods</h2>
<ul>
<li><strong>AUC</strong>: empirical (trapezoidal) area under each reader's ROC curve from the confidence ratings, i.e. the Wilcoxon–Mann–Whitney statistic with ties counting ½: AUC = (1 / n₁n₀) Σᵢ Σⱼ ψ(Xᵢ, Yⱼ).</li>
<li><strong>Sensitivity</strong> = TP / (TP + FN) and <strong>specificity</strong> = TN / (TN + FP) from each reader's binary decision; single-reader 95 % intervals are Wilson score intervals; single-reader AUC intervals use DeLong's variance.</li>
<li><strong>MRMC analysis</strong>: Obuchowski–Rockette (OR) with jackknife covariance over cases, Hillis (2007) denominator degrees of freedom for random readers and random cases (RRRC, the analysis the decisions rest on); fixed readers (FRRC, normal reference) and fixed cases (RRFC, df (t−1)(r−1)) are reported beside it. Results are identical to MRMCaov 0.3.0 and RJafroc 2.1.3 on their reference data.</li>
<li><strong>Decisions</strong>: one-sided tests of ${escape(input.arms.test)} − ${escape(input.arms.reference)} at the declared α: non-inferiority when the lower (1 − α) bound exceeds −δ; superiority when it exceeds 0.</li>
<li><strong>Reading time</strong>: OR analysis of each reader's mean log(seconds); the difference of means is the log of the ratio of geometric means; superiority (faster) when the upper (1 − α) bound of the ratio is below 1.</li>
<li><strong>Subgroups</strong>: the same RRRC analysis on the reads of each subgroup (reader site; case site, vendor, device and demographic strata); subgroups are descriptive, not powered.</li>
<li><strong>Crossover checks</strong>: period effect by OR analysis with the period in place of the arm; sequence (carry-over) effect by Welch's t test of the readers' per-reader differences between sequence groups.</li>
<li><strong>Agreement</strong>: Fleiss' kappa over readers per arm (jackknife CI), mean pairwise Cohen's kappa; after unblinding, mean Cohen's kappa between readers and the AI's call per arm.</li>
<li><strong>Standalone AI</strong>: sensitivity and specificity at the model's declared threshold, AUC of its score (DeLong); cases the AI could not process are kept in the denominator, scored by the protocol's rule (${escape(input.ai?.failureRule ?? 'negative')}).</li>
</ul></section>`;
}

function readerTable(input: ReportInput): string {
	const rows = input.analysis.readerPerformance.rows.map((row) => [
		escape(row.reader),
		escape(row.modality),
		row.binary?.sensitivity
			? ci(
					row.binary.sensitivity.estimate,
					row.binary.sensitivity.ciLower,
					row.binary.sensitivity.ciUpper,
					3
				)
			: '—',
		row.binary?.specificity
			? ci(
					row.binary.specificity.estimate,
					row.binary.specificity.ciLower,
					row.binary.specificity.ciUpper,
					3
				)
			: '—',
		row.binary
			? ci(
					row.binary.accuracy.estimate,
					row.binary.accuracy.ciLower,
					row.binary.accuracy.ciUpper,
					3
				)
			: '—',
		row.binary
			? `${row.binary.matrix.truePositive} / ${row.binary.matrix.falseNegative} / ${row.binary.matrix.falsePositive} / ${row.binary.matrix.trueNegative}`
			: '—',
		ci(row.auc.auc, row.auc.ciLower, row.auc.ciUpper, 3)
	]);
	return table(
		['Reader', 'Arm', 'Sensitivity', 'Specificity', 'Accuracy', 'TP / FN / FP / TN', 'AUC'],
		rows,
		'compact'
	);
}

function subgroupTables(input: ReportInput): string {
	return input.analysis.subgroups
		.map((group) => {
			const rows = group.rows.map((row) => [
				escape(STRATUM_NAMES[row.stratum] ?? row.stratum),
				escape(row.value),
				String(row.readers),
				`${row.cases} (${row.positive}+)`,
				...[input.arms.reference, input.arms.test].map((arm) => {
					const value = row.arms?.find((item) => item.arm === arm);
					return value ? n(value.estimate, 3) : '—';
				}),
				row.difference
					? ci(row.difference.estimate, row.difference.ciLower, row.difference.ciUpper, 3)
					: `<span class="small">${escape(row.note ?? '')}</span>`
			]);
			return `<h3>Subgroups: ${escape(METRIC_NAMES[group.metric] ?? group.metric)}</h3>${table(['Stratum', 'Value', 'Readers', 'Cases', escape(input.arms.reference), escape(input.arms.test), 'Difference (95 % CI)'], rows, 'compact')}`;
		})
		.join('');
}

function standaloneAi(input: ReportInput): string {
	const ai = input.analysis.standaloneAi;
	if (!ai) return '<p>The AI was not analysed standalone (see section 7).</p>';
	const binary = ai.overall.binary;
	const rows = [
		[
			'AI standalone',
			binary.sensitivity
				? ci(binary.sensitivity.estimate, binary.sensitivity.ciLower, binary.sensitivity.ciUpper, 3)
				: '—',
			binary.specificity
				? ci(binary.specificity.estimate, binary.specificity.ciLower, binary.specificity.ciUpper, 3)
				: '—',
			ai.overall.auc
				? ci(ai.overall.auc.auc, ai.overall.auc.ciLower, ai.overall.auc.ciUpper, 3)
				: '—'
		]
	];
	const armValue = (metric: string, arm: string) => {
		const result = input.analysis.endpoints
			.filter(isEndpointResult)
			.find((item) => item.endpoint.metric === metric);
		const row = result?.arms.find((item) => item.arm === arm);
		return row ? ci(row.estimate, row.ciLower, row.ciUpper, 3) : '—';
	};
	for (const arm of [input.arms.reference, input.arms.test])
		rows.push([
			`Readers, ${escape(arm)} (mean)`,
			armValue('sensitivity', arm),
			armValue('specificity', arm),
			armValue('auc', arm)
		]);
	const flags = ai.subgroups.flatMap((group) =>
		group.flags.map(
			(flag) =>
				`${escape(STRATUM_NAMES[group.stratum] ?? group.stratum)}: ${flag.metric} differs by ${pct(flag.relativeDifference)} between ${escape(flag.low)} and ${escape(flag.high)}`
		)
	);
	return `${table(['', 'Sensitivity', 'Specificity', 'AUC'], rows, 'compact')}
<p>${ai.failed} case(s) could not be processed by the AI and are counted per the protocol's rule.</p>
${flags.length > 0 ? `<p class="warning">Stability across subgroups (AI-4, flag above 10 % relative difference): ${flags.join('; ')}.</p>` : '<p>No subgroup differs from another by more than 10 % (AI-4).</p>'}`;
}

function agreement(input: ReportInput): string {
	if (input.analysis.agreement.length === 0) return '';
	return table(
		[
			'Arm',
			"Fleiss' kappa (95 % CI)",
			"Mean pairwise Cohen's kappa",
			"Mean Cohen's kappa with the AI"
		],
		input.analysis.agreement.map((row) => [
			escape(row.arm),
			row.fleiss ? ci(row.fleiss.kappa, row.fleiss.ciLower, row.fleiss.ciUpper, 3) : '—',
			n(row.meanPairwiseCohen, 3),
			input.blinded ? '<em>after unblinding</em>' : n(row.meanCohenWithAi, 3)
		]),
		'compact'
	);
}

function crossover(input: ReportInput): string {
	const { period, sequence, notes } = input.analysis.crossover;
	const parts: string[] = [];
	if (period)
		parts.push(
			`<p>Period effect (${escape(period.periods.map((row) => `${row.period}: ${n(row.estimate, 3)}`).join(', '))}): difference ${ci(period.difference.estimate, period.difference.ciLower, period.difference.ciUpper)}, p = ${p(period.difference.p)}.</p>`
		);
	if (sequence)
		parts.push(
			`<p>Sequence effect (${escape(sequence.groups.map((row) => `${row.sequence}: ${row.readers} readers, mean difference ${n(row.meanDifference)}`).join('; '))}): ${ci(sequence.estimate, sequence.ciLower, sequence.ciUpper)}, Welch df ${n(sequence.df, 1)}, p = ${p(sequence.p)}.</p>`
		);
	for (const note of notes) parts.push(`<p class="small">${escape(note)}</p>`);
	return parts.join('');
}

function results(input: ReportInput): string {
	const showMargin = !input.blinded;
	const primary = primaryResult(input.analysis);
	const frrc = input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const decimals = result.scale === 'ratio' ? 3 : 4;
		return [
			escape(METRIC_NAMES[result.endpoint.metric] ?? ''),
			`F(${n(result.rrrc.df1, 0)}, ${n(result.rrrc.df2, 2)}) = ${n(result.rrrc.f, 3)}`,
			ci(result.rrrc.estimate, result.rrrc.ciLower, result.rrrc.ciUpper, decimals),
			ci(result.frrc.estimate, result.frrc.ciLower, result.frrc.ciUpper, decimals),
			ci(result.rrfc.estimate, result.rrfc.ciLower, result.rrfc.ciUpper, decimals)
		];
	});
	return `<section id="s6"><h2>6. Results</h2>
<h3>6.1 Endpoints</h3>
${table(['Endpoint', escape(input.arms.reference), escape(input.arms.test), 'Difference (95 % CI)', 'p (two-sided)', 'Decision'], endpointRows(input), 'endpoints')}
${table(['Endpoint', 'RRRC test', 'RRRC difference', 'FRRC difference', 'RRFC difference'], frrc, 'compact')}
<h3>6.2 ROC curves</h3>
${figure(rocFigure(input.analysis), 'Figure 1. Empirical ROC curves per arm: readers (thin), reader-averaged (bold); markers: each reader’s binary decision.')}
<h3>6.3 Readers</h3>
${figure(readerForest(input.analysis, showMargin), `Figure 2. Per-reader differences of the primary endpoint with 95 % CIs (readers fixed), and the RRRC difference (diamond)${showMargin && primary?.endpoint.margin ? `; dashed line: margin −${primary.endpoint.margin}` : ''}.`)}
${readerTable(input)}
<h3>6.4 Subgroups</h3>
${primary ? figure(subgroupForest(input.analysis, primary.endpoint.metric, showMargin), 'Figure 3. Subgroup differences of the primary endpoint (RRRC within each subgroup).') : ''}
${subgroupTables(input)}
<h3>6.5 Reading time</h3>
${figure(readingTimeFigure(input.analysis), 'Figure 4. Reading time per read by arm (log scale): box = quartiles, whiskers = 1.5 IQR, marker = geometric mean.')}
<h3>6.6 Standalone AI beside the readers</h3>
${standaloneAi(input)}
<h3>6.7 Reader agreement</h3>
${agreement(input)}
<h3>6.8 Crossover checks</h3>
${crossover(input)}
</section>`;
}

function anomalies(input: ReportInput): string {
	const failures = input.ai?.failures ?? [];
	const failureTable =
		failures.length > 0
			? table(
					['Case', 'Error'],
					failures.map((row) => [escape(row.case), escape(row.error)]),
					'compact'
				)
			: '<p>The AI processed every case: no crash, timeout or unprocessable case.</p>';
	const deviations =
		input.anomalies.deviations.length > 0
			? table(
					['Deviation flag', 'Reads'],
					input.anomalies.deviations.map((row) => [escape(row.kind), String(row.count)]),
					'compact'
				)
			: '<p>No protocol deviation was flagged.</p>';
	const notes = [...input.anomalies.notes, ...input.analysis.notes]
		.map((note) => `<li>${escape(note)}</li>`)
		.join('');
	return `<section id="s7"><h2>7. Anomalies</h2>
<h3>AI failures</h3>${failureTable}
<h3>Protocol deviations (flags from the monitoring)</h3>${deviations}
${notes ? `<h3>Analysis notes</h3><ul>${notes}</ul>` : ''}
</section>`;
}

function conclusion(input: ReportInput): string {
	const results = input.analysis.endpoints.filter(isEndpointResult);
	const lines = input.blinded
		? [
				'The arm key is sealed: the conclusions are drawn once the evaluator has registered their results and the key is released.'
			]
		: results.map(
				(result) =>
					`${METRIC_NAMES[result.endpoint.metric]} (${result.endpoint.group}): ${result.endpoint.hypothesis} ${result.met ? 'shown' : 'not shown'}.`
			);
	const limitations = [
		'Subgroup analyses are descriptive; the study is powered for the primary endpoint only.',
		'Cases were read under study conditions (enriched prevalence, timed reads), which may differ from clinical practice.',
		...(input.testSet.simulatedReads > 0
			? [
					`${input.testSet.simulatedReads} reads were produced by simulated readers for demonstration.`
				]
			: []),
		...(input.study.demo
			? [
					'The images are synthetic phantoms; the results demonstrate the method, not the AI’s clinical performance.'
				]
			: [])
	];
	return `<section id="s8"><h2>8. Conclusion and limitations</h2><ul>${lines.map((line) => `<li>${escape(line)}</li>`).join('')}</ul><h3>Limitations</h3><ul>${limitations.map((line) => `<li>${escape(line)}</li>`).join('')}</ul></section>`;
}

function annexes(input: ReportInput): string {
	const f = input.fingerprints;
	const pair = input.reproduce ?? { aided: input.arms.test, unaided: input.arms.reference };
	const commands = input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const fom = result.endpoint.metric === 'reading_time' ? 'auc' : result.endpoint.metric;
		return `tandem analyze --input reads.csv --fom ${fom} --aided ${pair.aided} --unaided ${pair.unaided} --margin ${result.endpoint.margin ?? 0} --alpha ${result.endpoint.alpha} --format json${result.endpoint.metric === 'reading_time' ? '   # reading_time block' : ''}`;
	});
	return `<section id="s9"><h2>9. Annexes</h2>
<h3>A. Reproducing the figures</h3>
<p>Every endpoint figure is the analysis of <code>reads.csv</code> in blind export ${f.exportId} (SHA-256 <code>${escape(f.readsSha256)}</code>). With the export's codes:</p>
<pre>${commands.map(escape).join('\n')}</pre>
${input.analysis.excludedReaders.length > 0 ? `<p>The analysis set leaves out ${input.analysis.excludedReaders.map((row) => `${escape(row.reader)} (${row.reads} of ${row.expected} reads)`).join(', ')}: remove their rows from <code>reads.csv</code> first.</p>` : ''}
<h3>B. Fingerprints and signatures</h3>
${table(
	['Item', 'Value'],
	[
		['Protocol SHA-256', `<code>${escape(f.protocolSha256)}</code>`],
		['Database lock fingerprint', `<code>${escape(f.lock)}</code> (${escape(f.lockedAt)})`],
		[
			'Dataset freeze',
			f.datasetFreeze
				? `version ${f.datasetFreeze.version}, <code>${escape(f.datasetFreeze.fingerprint)}</code>`
				: 'not frozen'
		],
		[
			'Blind export manifest SHA-256',
			`<code>${escape(f.exportManifestSha256)}</code> (export ${f.exportId})`
		],
		['Unblinded', input.unblindedAt ? escape(input.unblindedAt) : 'no (key sealed)'],
		[
			'Audit trail',
			`${input.annex.audit.events} events, hash chain ${input.annex.audit.chainIntact ? 'intact' : '<strong>BROKEN</strong>'}, head <code>${escape(input.annex.audit.headHash)}</code>`
		]
	]
)}
<h3>C. Export manifest</h3>
${table(
	['File', 'SHA-256', 'Bytes'],
	input.annex.manifestFiles.map((row) => [
		escape(row.name),
		`<code>${escape(row.sha256)}</code>`,
		String(row.bytes)
	]),
	'compact'
)}
<p>The manifest is signed with the server's Ed25519 key:</p><pre>${escape(input.annex.publicKeyPem)}</pre>
<h3>D. Sign-off</h3>
${table(
	['Role', 'Name', 'Signature', 'Date'],
	[
		['Statistician', '', '', ''],
		['Independent evaluator', '', '', ''],
		['Sponsor', '', '', '']
	],
	'signatures'
)}
</section>`;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', Arial, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.4; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 20pt; margin-bottom: 2mm; } h2 { font-size: 14pt; border-bottom: 1px solid #999; padding-bottom: 1mm; margin-top: 8mm; } h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
section { break-before: page; } section#s1 { break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: auto; } tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; } th { background: #eef1f5; }
table.compact { width: auto; } table.signatures td { height: 10mm; min-width: 35mm; }
figure { margin: 3mm 0 5mm; break-inside: avoid; text-align: center; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 9pt; color: #333; text-align: left; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 8.5pt; word-break: break-all; } pre { white-space: pre-wrap; background: #f6f6f6; padding: 2mm; }
.met { color: #0b6b2f; } .not-met { color: #9c1c1c; } .warning { border-left: 3px solid #c77700; padding-left: 2mm; } .small { font-size: 8.5pt; color: #444; }
.banner { border: 2px solid #9c1c1c; color: #9c1c1c; padding: 2mm 3mm; font-weight: 600; } .columns { columns: 2; column-gap: 8mm; } .columns table { break-inside: avoid; }
.meta { color: #444; } nav ol { columns: 2; }
`;

/** The whole report as one HTML document. */
export function verificationReportHtml(input: ReportInput): string {
	const toc = [
		'Statement and summary',
		'Purpose and scope',
		'Test set',
		'Environment',
		'Metrics and methods',
		'Results',
		'Anomalies',
		'Conclusion and limitations',
		'Annexes'
	];
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Performance verification report — ${escape(input.study.title)}</title><style>${STYLE}</style></head>
<body>
<header>
<h1>Performance verification report</h1>
<p class="meta">${escape(input.study.title)}<br>Protocol ${escape(input.study.slug)} v${escape(input.study.protocolVersion)} · generated ${escape(input.generatedAt)} by ${escape(input.generator)} · lock fingerprint <code>${escape(input.fingerprints.lock.slice(0, 16))}…</code></p>
${input.blinded ? '<p class="banner">BLINDED: readers, cases and arms appear under the blind export’s codes; decisions against the margins are withheld until the key is released.</p>' : ''}
<nav><ol>${toc.map((title, index) => `<li><a href="#s${index + 1}">${title}</a></li>`).join('')}</ol></nav>
</header>
${summary(input)}${purpose(input)}${testSet(input)}${environment(input)}${methods(input)}${results(input)}${anomalies(input)}${conclusion(input)}${annexes(input)}
</body></html>
`;
}
