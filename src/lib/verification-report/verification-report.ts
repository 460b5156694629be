// The performance-verification report as one self-contained HTML document (printed to PDF by
// Chromium), in the nine sections of seed 001 table 3 (REP): statement and summary; purpose
// and scope; test set; environment; metrics and methods; results with figures and subgroups;
// anomalies; conclusion and limitations; annexes. Every endpoint figure is the output of the
// analysis of the blind export's reads.csv, and the annex gives the commands that reproduce it.
//
// This module assembles the document; each section is written in its own module under
// sections/ (the endpoint table the summary and the results share in sections/endpoints.ts),
// from the shared pieces in html.ts (escaping, number formats, tables, figures), with the print
// style in report-style.ts and the SVG figures from report-figures.ts.
import type { ReportInput } from './report-input';
import { escape } from './html';
import { REPORT_STYLE } from './report-style';
import { inLanguage, type ReportLanguage } from './report-language';
import { sectionTitles } from './section-titles';
import { summarySection } from './sections/summary';
import { purposeSection } from './sections/purpose';
import { testSetSection } from './sections/test-set';
import { environmentSection } from './sections/environment';
import { methodsSection } from './sections/methods';
import { resultsSection } from './sections/results';
import { anomaliesSection } from './sections/anomalies';
import { conclusionSection } from './sections/conclusion';
import { annexesSection } from './sections/annexes';

/** The nine sections in order, each rendered in the report's language. */
const SECTIONS: Array<(input: ReportInput) => string> = [
	summarySection,
	purposeSection,
	testSetSection,
	environmentSection,
	methodsSection,
	resultsSection,
	anomaliesSection,
	conclusionSection,
	annexesSection
];

interface HeaderText {
	title: string;
	blindedBanner: string;
	meta: (
		slug: string,
		version: string,
		generatedAt: string,
		generator: string,
		lock: string
	) => string;
}

const TEXT: Record<ReportLanguage, HeaderText> = {
	en: {
		title: 'Performance verification report',
		blindedBanner:
			'BLINDED: readers, cases and arms appear under the blind export’s codes; ' +
			'decisions against the margins are withheld until the key is released.',
		meta: (slug, version, generatedAt, generator, lock) =>
			[
				`Protocol ${slug} v${version}`,
				`generated ${generatedAt} by ${generator}`,
				`lock fingerprint <code>${lock}…</code>`
			].join(' · ')
	},
	zh: {
		title: '性能验证报告',
		blindedBanner:
			'盲态：阅片者、病例和各组均以盲法导出的编码显示；针对界值的判定在揭盲（释放密钥）之前不予公布。',
		meta: (slug, version, generatedAt, generator, lock) =>
			[
				`方案 ${slug} 版本 ${version}`,
				`由 ${generator} 于 ${generatedAt} 生成`,
				`数据库锁定指纹 <code>${lock}…</code>`
			].join(' · ')
	}
};

function header(input: ReportInput): string {
	const { study } = input;
	const t = inLanguage(input.lang, TEXT);
	const meta = t.meta(
		escape(study.slug),
		escape(study.protocolVersion),
		escape(input.generatedAt),
		escape(input.generator),
		escape(input.fingerprints.lock.slice(0, 16))
	);
	const toc = sectionTitles(input.lang).map(
		(title, index) => `<li><a href="#s${index + 1}">${title}</a></li>`
	);
	return `<header>
<h1>${t.title}</h1>
<p class="meta">${escape(study.title)}<br>${meta}</p>
${input.blinded ? `<p class="banner">${t.blindedBanner}</p>` : ''}
<nav><ol>${toc.join('')}</ol></nav>
</header>`;
}

/** The `<html lang>` of a report in `lang`. */
export const htmlLang = (lang: ReportLanguage): string =>
	inLanguage(lang, { en: 'en', zh: 'zh-CN' });

/**
 * The whole report as one HTML document, in the report's language. A Chinese report names its
 * font (Noto Sans SC) in the style; the server embeds the font's faces before printing it.
 */
export function verificationReportHtml(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const title = `${t.title} — ${escape(input.study.title)}`;
	const head = `<head><meta charset="utf-8"><title>${title}</title><style>${REPORT_STYLE}</style></head>`;
	const sections = SECTIONS.map((render) => render(input)).join('');
	return `<!doctype html>
<html lang="${htmlLang(input.lang)}">${head}
<body>
${header(input)}
${sections}
</body></html>
`;
}

/** "Performance verification report" in `lang` (the PDF's footer names it). */
export const reportTitle = (lang: ReportLanguage): string => inLanguage(lang, TEXT).title;
