// What the system writes in English and the report quotes — the notes of the data gathering and the
// analysis (section 7, the crossover checks of 6.8, a subgroup that could not be analysed or whose
// interval was truncated in 6.4), the monitoring's deviation details, what blinding withholds and the
// environment's values (section 4) —
// as a Chinese report prints it: a text whose form is known is said in Chinese, with any part that
// quotes a system message (an error's text) kept as written and marked as English, and people's own
// words (a correction's reason) as they wrote them; any other text is quoted whole, marked as English.
import { escape, verbatim } from '../html';
import type { ReportLanguage } from '../report-language';

type Translation = (match: RegExpExecArray) => string;

const quoted = (text: string | undefined) => verbatim(text ?? '', 'zh');

const CROSSOVER_CHECKS_ZH: Record<string, string> = {
	'period check': '时期效应检验',
	'sequence check': '序列效应检验'
};

/** What blinding puts in place of free text (a query, an answer, a correction's reason). */
const WITHHELD_ZH = '盲态期间不予显示（自由文本可能透露组别）';

/** The texts the system writes, by their form, in Chinese. */
const TEXTS_ZH: Array<[RegExp, Translation]> = [
	// the monitoring's deviation details
	[/^read in ([\d.]+) s$/, (m) => `阅片用时 ${m[1]} 秒`],
	[/^paused ([\d.]+) s$/, (m) => `暂停 ${m[1]} 秒`],
	[
		/^read (\d+) corrected by (the site coordinator|the reader) \(version (\d+)\): reason withheld while blinded \(free text could name an arm\)$/,
		(m) =>
			`阅片 ${m[1]} 由${m[2] === 'the reader' ? '阅片者' : '研究中心协调员'}更正（版本 ${m[3]}）：原因${WITHHELD_ZH}`
	],
	[
		/^read (\d+) corrected by (the site coordinator|the reader) \(version (\d+)\): ([\s\S]*)$/,
		(m) =>
			`阅片 ${m[1]} 由${m[2] === 'the reader' ? '阅片者' : '研究中心协调员'}更正（版本 ${m[3]}）：${escape(m[4]!)}`
	],
	[
		/^read attempted in closed period ([^:]+): ([\s\S]*)$/,
		(m) => `在已关闭的时期 ${escape(m[1]!)} 内尝试阅片：${escape(m[2]!)}`
	],
	[/^the AI could not process a case: ([\s\S]*)$/, (m) => `AI 未能处理该病例：${quoted(m[1])}`],
	[/^withheld while blinded \(free text could name an arm\)$/, () => WITHHELD_ZH],
	// the environment's values (section 4) that are more than names and versions
	[
		/^Tandem \(OR\/DBM engine validated against (.+) reference outputs\)$/,
		(m) =>
			`Tandem（OR/DBM 分析引擎已对照 ${escape(m[1]!.replace(' and ', ' 与 '))} 的参考输出验证）`
	],
	[
		/^(.+) \(not registered: no weights to hash\)$/,
		(m) => `${escape(m[1]!)}（未注册：无权重文件可计算哈希）`
	],
	[
		/^(.+), weights SHA-256 ([0-9a-f]+), threshold (.+)$/,
		(m) =>
			`${escape(m[1]!)}，权重 SHA-256 ${m[2]}，阈值 ${m[3] === 'not set' ? '未设定' : escape(m[3]!)}`
	],
	[
		/^(onnxruntime-node \S+), in worker threads \(piscina (\S+)\)$/,
		(m) => `${escape(m[1]!)}，在工作线程中运行（piscina ${escape(m[2]!)}）`
	],
	[
		/^Chromium via playwright-core (\S+)$/,
		(m) => `Chromium（经由 playwright-core ${escape(m[1]!)}）`
	],
	// the analysis's notes
	[
		/^reader (.+) left out of the analysis set: (\d+) of (\d+) reads$/,
		(m) => `阅片者 ${escape(m[1]!)} 未纳入分析集：完成 ${m[2]} / ${m[3]} 次阅片`
	],
	[
		/^standalone AI: not every case has an AI result$/,
		() => 'AI 独立性能：并非每个病例都有 AI 结果'
	],
	[/^standalone AI not analysed: ([\s\S]*)$/, (m) => `未分析 AI 独立性能：${quoted(m[1])}`],
	[
		/^crossover checks need an analysable primary endpoint$/,
		() => '交叉设计检验需要一个可分析的主要终点'
	],
	[/^not estimable: ([\s\S]*)$/, (m) => `无法估计：${quoted(m[1])}`],
	[
		/^([\d.]+ %) CI truncated to (\[[^\]]+\]) \(the t interval, Hillis df ([\d.]+) with (\d+) readers, is wider than the range\)$/,
		(m) =>
			`${m[1]} 置信区间已截断至 ${escape(m[2]!)}（t 区间——Hillis 自由度 ${m[3]}，${m[4]} 名阅片者——宽于可能范围）`
	],
	[
		/^(period check|sequence check) not run: ([\s\S]*)$/,
		(m) => `${CROSSOVER_CHECKS_ZH[m[1]!]}未运行：${quoted(m[2])}`
	]
];

/**
 * A text the system wrote, as HTML in `lang`: said in Chinese when its form is known; otherwise
 * quoted, marked as English — unless it may be people's own words (`ownWords`: a monitoring query,
 * an answer), which are shown as written, in whatever language they were written.
 */
export function systemText(text: string, lang: ReportLanguage, ownWords = false): string {
	if (lang === 'en') return escape(text);
	for (const [pattern, translate] of TEXTS_ZH) {
		const match = pattern.exec(text);
		if (match) return translate(match);
	}
	return ownWords ? escape(text) : verbatim(text, lang);
}
