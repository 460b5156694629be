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
import { summarySection } from './sections/summary';
import { purposeSection } from './sections/purpose';
import { testSetSection } from './sections/test-set';
import { environmentSection } from './sections/environment';
import { methodsSection } from './sections/methods';
import { resultsSection } from './sections/results';
import { anomaliesSection } from './sections/anomalies';
import { conclusionSection } from './sections/conclusion';
import { annexesSection } from './sections/annexes';

/** The nine sections in order: the title in the table of contents, and the section's HTML. */
const SECTIONS: Array<[title: string, render: (input: ReportInput) => string]> = [
	['Statement and summary', summarySection],
	['Purpose and scope', purposeSection],
	['Test set', testSetSection],
	['Environment', environmentSection],
	['Metrics and methods', methodsSection],
	['Results', resultsSection],
	['Anomalies', anomaliesSection],
	['Conclusion and limitations', conclusionSection],
	['Annexes', annexesSection]
];

const BLINDED_BANNER =
	'<p class="banner">BLINDED: readers, cases and arms appear under the blind export’s codes; ' +
	'decisions against the margins are withheld until the key is released.</p>';

function header(input: ReportInput): string {
	const { study } = input;
	const meta = [
		`Protocol ${escape(study.slug)} v${escape(study.protocolVersion)}`,
		`generated ${escape(input.generatedAt)} by ${escape(input.generator)}`,
		`lock fingerprint <code>${escape(input.fingerprints.lock.slice(0, 16))}…</code>`
	].join(' · ');
	const toc = SECTIONS.map(([title], index) => `<li><a href="#s${index + 1}">${title}</a></li>`);
	return `<header>
<h1>Performance verification report</h1>
<p class="meta">${escape(study.title)}<br>${meta}</p>
${input.blinded ? BLINDED_BANNER : ''}
<nav><ol>${toc.join('')}</ol></nav>
</header>`;
}

/** The whole report as one HTML document. */
export function verificationReportHtml(input: ReportInput): string {
	const title = `Performance verification report — ${escape(input.study.title)}`;
	const head = `<head><meta charset="utf-8"><title>${title}</title><style>${REPORT_STYLE}</style></head>`;
	const sections = SECTIONS.map(([, render]) => render(input)).join('');
	return `<!doctype html>
<html lang="en">${head}
<body>
${header(input)}
${sections}
</body></html>
`;
}
