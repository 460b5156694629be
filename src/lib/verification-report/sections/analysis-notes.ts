// The notes of the data gathering and the analysis (section 7, the crossover checks of 6.8, a
// subgroup that could not be analysed or whose interval was truncated in 6.4) as a
// Chinese report prints them: the analysis writes them in English; the ones whose form is known are
// said in Chinese, with the part that quotes a system message (an error's text) kept as written and
// marked as English; any other note is quoted whole, marked as English.
import { escape, verbatim } from '../html';
import type { ReportLanguage } from '../report-language';

type Translation = (match: RegExpExecArray) => string;

const quoted = (text: string | undefined) => verbatim(text ?? '', 'zh');

const CROSSOVER_CHECKS_ZH: Record<string, string> = {
	'period check': '时期效应检验',
	'sequence check': '序列效应检验'
};

/** The notes the analysis writes, by their form, in Chinese. */
const NOTES_ZH: Array<[RegExp, Translation]> = [
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

/** A note of the analysis as HTML in `lang`: said in Chinese when its form is known, else quoted. */
export function analysisNote(note: string, lang: ReportLanguage): string {
	if (lang === 'en') return escape(note);
	for (const [pattern, translate] of NOTES_ZH) {
		const match = pattern.exec(note);
		if (match) return translate(match);
	}
	return verbatim(note, lang);
}
