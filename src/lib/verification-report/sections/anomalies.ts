// Section 7, anomalies: the AI's failures (every failed attempt, and the cases it never processed),
// every protocol deviation the monitoring flagged, every query raised and its answers, every
// protocol change after the first load, every read whose time is after the lock, and the notes of
// the data gathering and the analysis. Error messages, flag details and notes are quoted as the
// system wrote them (marked as English in a Chinese report); questions and answers as people wrote them.
import type { ReportInput } from '../report-input';
import { escape, table, utcTime as time, verbatim } from '../html';
import { inLanguage, type ReportLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { systemText } from './system-texts';
import { anomalyClassificationPart } from './anomaly-classification';

const DEVIATION_KINDS_ZH: Record<string, string> = {
	'short-read': '阅片过短',
	'long-read': '阅片过长',
	'long-pause': '暂停过长',
	correction: '阅片更正',
	'session-rule': '违反阅片时段规则',
	'ai-failure': 'AI 处理失败'
};

const QUERY_STATUS_ZH: Record<string, string> = {
	open: '待回复',
	answered: '已回复',
	closed: '已关闭'
};

const TEXT = {
	en: {
		noAiFailure: 'The AI processed every case: no crash, timeout or unprocessable case.',
		aiNotAnalysed: 'The AI’s standalone results were not analysed (see the analysis notes below).',
		noDeviation: 'No protocol deviation was flagged.',
		noQuery: 'No query was raised.',
		noAmendment: 'The protocol was not changed after it was first loaded.',
		noLateRead: 'No read is timed after the lock.',
		failedCases: 'Cases the AI could not process (they stay in the denominator):',
		caseErrorHead: ['Case', 'Error'],
		processedInTheEnd: 'Every case was processed in the end.',
		failedForGood: 'failed for good',
		retried: 'retried',
		attempts: 'Failed inference attempts:',
		attemptHead: ['Case', 'Attempt', 'Outcome', 'Time (UTC)', 'Error'],
		deviationHead: ['Deviation flag', 'Count'],
		flagHead: ['Flag', 'Reader', 'Site', 'Time (UTC)', 'Detail'],
		kind: (kind: string) => kind,
		closed: (at: string) => `closed ${at}`,
		status: (status: string) => status,
		noAnswer: 'no answer',
		queryHead: ['#', 'About', 'Question', 'Answers', 'Status'],
		amendment: (reason: string) => `amendment: ${reason}`,
		updateBeforeFirstRead: 'update before the first read',
		amendmentHead: ['Revision', 'Protocol version', 'Loaded (UTC)', 'Change', 'SHA-256'],
		simulated: 'simulated',
		recorded: 'recorded',
		late: (count: number, lockedAt: string) =>
			`${count} read(s) carry a time after the lock (${lockedAt}), though the database accepts no read once the study is locked: their time was not the time they were stored.`,
		lateHead: ['Read', 'Reader', 'Site', 'Time (UTC)', 'Read by'],
		headings: {
			ai: 'AI failures',
			deviations: 'Protocol deviations (flags from the monitoring)',
			queries: 'Monitoring queries',
			amendments: 'Protocol amendments',
			late: 'Reads timed after the lock',
			notes: 'Analysis notes'
		},
		notesIntro: ''
	},
	zh: {
		noAiFailure: 'AI 处理了全部病例：无崩溃、超时或未能处理的病例。',
		aiNotAnalysed: '未分析 AI 的独立运行结果（见下方分析备注）。',
		noDeviation: '监查未标记任何方案偏离。',
		noQuery: '未提出任何质疑。',
		noAmendment: '方案首次载入后未作更改。',
		noLateRead: '没有时间晚于数据库锁定的阅片。',
		failedCases: 'AI 未能处理的病例（仍保留在分母中）：',
		caseErrorHead: ['病例', '报错信息'],
		processedInTheEnd: '全部病例最终均已处理。',
		failedForGood: '最终失败',
		retried: '已重试',
		attempts: '推理失败的尝试：',
		attemptHead: ['病例', '尝试次序', '结果', '时间（UTC）', '报错信息'],
		deviationHead: ['偏离标记', '次数'],
		flagHead: ['标记', '阅片者', '研究中心', '时间（UTC）', '详情'],
		kind: (kind: string) => DEVIATION_KINDS_ZH[kind] ?? kind,
		closed: (at: string) => `已于 ${at} 关闭`,
		status: (status: string) => QUERY_STATUS_ZH[status] ?? status,
		noAnswer: '无回复',
		queryHead: ['#', '对象', '质疑', '回复', '状态'],
		amendment: (reason: string) => `方案修订：${reason}`,
		updateBeforeFirstRead: '首次阅片前的更新',
		amendmentHead: ['修订号', '方案版本', '载入时间（UTC）', '变更', 'SHA-256'],
		simulated: '模拟',
		recorded: '实际记录',
		late: (count: number, lockedAt: string) =>
			`${count} 次阅片的时间晚于数据库锁定时间（${lockedAt}），而数据库在研究锁定后不再接受任何阅片：其记录的时间并非其存储的时间。`,
		lateHead: ['阅片', '阅片者', '研究中心', '时间（UTC）', '阅片方式'],
		headings: {
			ai: 'AI 运行异常',
			deviations: '方案偏离（监查标记）',
			queries: '监查质疑',
			amendments: '方案修订',
			late: '时间晚于数据库锁定的阅片',
			notes: '分析备注'
		},
		notesIntro:
			'<p>以下备注由数据汇总与分析程序生成；其中引用的系统信息（报错等）保留英文原文。</p>'
	}
};

type Text = (typeof TEXT)['en'];
const para = (text: string) => `<p>${text}</p>`;

function aiFailures(input: ReportInput, t: Text, lang: ReportLanguage): string {
	const failures = input.ai?.failures ?? [];
	const attempts = input.anomalies.aiAttempts;
	const failed =
		failures.length > 0
			? `${para(t.failedCases)}${table(
					t.caseErrorHead,
					failures.map((row) => [escape(row.case), verbatim(row.error, lang)]),
					'compact'
				)}`
			: input.ai
				? attempts.length > 0
					? para(t.processedInTheEnd)
					: para(t.noAiFailure)
				: para(t.aiNotAnalysed);
	if (attempts.length === 0) return failed;
	const rows = attempts.map((row) => [
		escape(row.case),
		row.attempt === null ? '—' : String(row.attempt),
		row.final ? t.failedForGood : t.retried,
		time(row.at),
		verbatim(row.error, lang)
	]);
	return `${failed}${para(t.attempts)}${table(t.attemptHead, rows)}`;
}

function deviations(input: ReportInput, t: Text, lang: ReportLanguage): string {
	const { deviations, flags } = input.anomalies;
	if (flags.length === 0) return para(t.noDeviation);
	const summary = table(
		t.deviationHead,
		deviations.map((row) => [escape(t.kind(row.kind)), String(row.count)]),
		'compact'
	);
	const rows = flags.map((row) => [
		escape(t.kind(row.kind)),
		escape(row.reader ?? '—'),
		escape(row.site ?? '—'),
		time(row.at),
		systemText(row.detail, lang)
	]);
	return `${summary}${table(t.flagHead, rows)}`;
}

function queries(input: ReportInput, t: Text, lang: ReportLanguage): string {
	const { queries } = input.anomalies;
	if (queries.length === 0) return para(t.noQuery);
	const rows = queries.map((row, index) => {
		const answers = row.answers.map(
			(answer) =>
				`${systemText(answer.answer, lang, true)} <span class="small">(${escape(answer.by)}, ${time(answer.at)})</span>`
		);
		const status = row.closedAt ? t.closed(time(row.closedAt)) : escape(t.status(row.status));
		return [
			String(index + 1),
			`${escape(row.target)} (${escape(row.site)})`,
			`${systemText(row.question, lang, true)} <span class="small">(${escape(row.raisedBy)}, ${time(row.raisedAt)})</span>`,
			answers.length > 0 ? answers.join('<br>') : t.noAnswer,
			status
		];
	});
	return table(t.queryHead, rows);
}

function amendments(input: ReportInput, t: Text): string {
	const { amendments } = input.anomalies;
	if (amendments.length === 0) return para(t.noAmendment);
	const rows = amendments.map((row) => [
		String(row.revision),
		escape(row.protocolVersion),
		time(row.at),
		row.reason ? t.amendment(escape(row.reason)) : t.updateBeforeFirstRead,
		`<code>${escape(row.sha256)}</code>`
	]);
	return table(t.amendmentHead, rows);
}

function lateReads(input: ReportInput, t: Text): string {
	const late = input.anomalies.readsAfterLock;
	if (late.length === 0) return para(t.noLateRead);
	const rows = late.map((row) => [
		String(row.read),
		escape(row.reader),
		escape(row.site),
		time(row.at),
		row.simulated ? t.simulated : t.recorded
	]);
	return `${para(t.late(late.length, time(input.fingerprints.lockedAt)))}${table(t.lateHead, rows)}`;
}

export function anomaliesSection(input: ReportInput): string {
	const { lang } = input;
	const t: Text = inLanguage(lang, TEXT);
	const notes = [...input.anomalies.notes, ...input.analysis.notes]
		.map((note) => `<li>${systemText(note, lang)}</li>`)
		.join('');
	const h = t.headings;
	return `<section id="s7"><h2>${sectionHeading(lang, 7)}</h2>
<h3>${h.ai}</h3>${aiFailures(input, t, lang)}
${anomalyClassificationPart(input)}
<h3>${h.deviations}</h3>${deviations(input, t, lang)}
<h3>${h.queries}</h3>${queries(input, t, lang)}
<h3>${h.amendments}</h3>${amendments(input, t)}
<h3>${h.late}</h3>${lateReads(input, t)}
${notes ? `<h3>${h.notes}</h3>${t.notesIntro}<ul>${notes}</ul>` : ''}
</section>`;
}
