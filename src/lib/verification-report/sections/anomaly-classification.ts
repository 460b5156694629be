// Section 7, the classification of the AI's failures (seed 001): each crash, timeout or
// unprocessable case as a defect of the tool's own software or an external cause (hardware, power,
// network, input data), with the evaluator's root-cause note; "not yet classified" in red for the
// rest (the report cannot be signed off then). A failure caused by the tool's own software makes
// the verification nonconforming, and the section says so.
import type { AnomalyClassificationView, ReportInput } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { inLanguage } from '../report-language';
import { escape, table } from '../html';

interface Text {
	heading: string;
	head: string[];
	cause: Record<AnomalyClassificationView['cause'], string>;
	unclassified: string;
	failed: string;
	retried: string;
	noAnomaly: string;
	pending: (count: number) => string;
	nonconforming: (count: number) => string;
	howTo: string;
}

const TEXT = {
	en: {
		heading: 'Classification of the AI failures',
		head: ['Case', 'Outcome', 'Cause', 'Root cause (evaluator’s note)'],
		cause: {
			'software-defect': 'Software defect of the tool',
			external: 'External cause (hardware, power, network, input data)'
		},
		unclassified: 'not yet classified',
		failed: 'failed for good',
		retried: 'processed after a retry',
		noAnomaly: 'No AI failure to classify.',
		pending: (count) =>
			`${count} failure(s) not yet classified: the report cannot be signed off until each has its cause and root-cause note.`,
		nonconforming: (count) =>
			`${count} failure(s) were caused by a defect of the tool’s own software: per the specification, the verification is nonconforming (a failure of the verification).`,
		howTo:
			'Classified with: tandem report anomaly --study S --case CODE --cause software-defect|external --note "…".'
	},
	zh: {
		heading: '人工智能运行异常的分类',
		head: ['病例', '结果', '原因', '根本原因（评价人员说明）'],
		cause: {
			'software-defect': '软件自身缺陷',
			external: '外部原因（硬件、电源、网络、输入数据）'
		},
		unclassified: '尚未分类',
		failed: '最终失败',
		retried: '重试后处理成功',
		noAnomaly: '无需分类的人工智能运行异常。',
		pending: (count) =>
			`${count} 项异常尚未分类：每项异常填写原因及根本原因说明之前，报告不能签署。`,
		nonconforming: (count) =>
			`${count} 项异常由软件自身缺陷导致：按规范，本次性能验证不符合要求（验证失败）。`,
		howTo:
			'分类命令：tandem report anomaly --study S --case CODE --cause software-defect|external --note "…"。'
	}
} satisfies Record<ReportLanguage, Text>;

/** The failed cases of the report (each once, in the order of their first failure) and whether any attempt was final. */
export function failedCases(input: ReportInput): Array<{ case: string; final: boolean }> {
	const cases = new Map<string, boolean>();
	for (const row of input.anomalies.aiAttempts)
		cases.set(row.case, (cases.get(row.case) ?? false) || row.final);
	return [...cases].map(([name, final]) => ({ case: name, final }));
}

/** The failed cases that have no classification yet. */
export function unclassifiedCases(input: ReportInput): string[] {
	const classified = new Set((input.anomalyClassifications ?? []).map((row) => row.subject));
	return failedCases(input)
		.map((row) => row.case)
		.filter((name) => !classified.has(name));
}

export function anomalyClassificationPart(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const heading = `<h4>${t.heading}</h4>`;
	const failed = failedCases(input);
	if (failed.length === 0) return `${heading}<p>${t.noAnomaly}</p>`;
	const byCase = new Map((input.anomalyClassifications ?? []).map((row) => [row.subject, row]));
	const rows = failed.map((item) => {
		const found = byCase.get(item.case);
		return [
			escape(item.case),
			item.final ? t.failed : t.retried,
			found ? escape(t.cause[found.cause]) : `<span class="unclassified">${t.unclassified}</span>`,
			found
				? `${escape(found.note)} <span class="small">(${escape(found.by)}, ${escape(found.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))})</span>`
				: '—'
		];
	});
	const pending = unclassifiedCases(input).length;
	const defects = (input.anomalyClassifications ?? []).filter(
		(row) => row.cause === 'software-defect'
	).length;
	return [
		heading,
		table(t.head, rows, 'compact'),
		defects > 0 ? `<p class="not-met">${t.nonconforming(defects)}</p>` : '',
		pending > 0 ? `<p class="unclassified">${t.pending(pending)}</p>` : '',
		`<p class="small">${escape(t.howTo)}</p>`
	].join('');
}
