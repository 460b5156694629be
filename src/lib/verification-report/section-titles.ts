// The nine section titles of the report (seed 001, table 3) in each report language: the table of
// contents and each section's heading print them.
import { inLanguage, type ReportLanguage } from './report-language';

const TITLES: Record<ReportLanguage, string[]> = {
	en: [
		'Statement and summary',
		'Purpose and scope',
		'Test set',
		'Environment',
		'Metrics and methods',
		'Results',
		'Anomalies',
		'Conclusion and limitations',
		'Annexes'
	],
	zh: [
		'声明与摘要',
		'验证目的与范围',
		'测试数据集描述',
		'验证环境配置',
		'评价指标与方法',
		'验证结果汇总',
		'异常事件记录',
		'结论与局限性',
		'附件'
	]
};

/** The titles of the nine sections in `lang`, in order. */
export const sectionTitles = (lang: ReportLanguage): string[] => inLanguage(lang, TITLES);

/** Section `number` (1–9) as its heading prints it: "3. Test set". */
export const sectionHeading = (lang: ReportLanguage, number: number): string =>
	`${number}. ${sectionTitles(lang)[number - 1]}`;
