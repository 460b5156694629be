// Section 2, purpose and scope: the protocol's description, the arms (coded while blinded),
// the design, the sites and the reference standard.
import type { ReportInput } from '../report-input';
import { escape, table, yesNo } from '../html';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';

const DESIGNS_ZH: Record<string, string> = {
	crossover: '交叉设计',
	sequential: '序贯设计',
	'fully-crossed': '完全交叉设计',
	'split-plot': '裂区设计'
};

const TEXT = {
	en: {
		head: ['Arm', 'AI shown'],
		coded: 'coded',
		design: (design: string) => design,
		washout: (days: number) => `, washout ${days} days`,
		scope: (design: string, washout: string, sites: string, truth: string) =>
			`Design: ${design}${washout}. Sites: ${sites}.
Reference standard: ${truth}.`
	},
	zh: {
		head: ['组别', '显示 AI 结果'],
		coded: '已编码',
		design: (design: string) => DESIGNS_ZH[design] ?? design,
		washout: (days: number) => `，洗脱期 ${days} 天`,
		scope: (design: string, washout: string, sites: string, truth: string) =>
			`设计：${design}${washout}。研究中心：${sites}。参考标准：${truth}。`
	}
};

export function purposeSection(input: ReportInput): string {
	const { study, lang } = input;
	const t = inLanguage(lang, TEXT);
	const arms = table(
		t.head,
		study.arms.map((arm) => [escape(input.blinded ? t.coded : arm.label), yesNo(arm.ai, lang)])
	);
	const washout = study.washoutDays === null ? '' : t.washout(study.washoutDays);
	const sites = study.sites.map((site) => escape(site.name)).join('; ');
	return `<section id="s2"><h2>${sectionHeading(lang, 2)}</h2>
<p>${escape(study.description)}</p>
${arms}
<p>${t.scope(escape(t.design(study.designType)), washout, sites, escape(study.truthSource))}</p>
</section>`;
}
