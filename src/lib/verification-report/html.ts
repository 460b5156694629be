// The report's shared HTML pieces: escaping, the number formats (a dash for a missing value),
// tables, figures and list items. Every section module builds its HTML from these.
import { escapeXml, formatNumber } from './figures/svg';
import { formatEstimateCi } from './figures/forest-plot';
import { METRIC_NAMES, METRIC_NAMES_ZH, STRATUM_NAMES, STRATUM_NAMES_ZH } from './report-figures';
import { inLanguage, type ReportLanguage } from './report-language';

/** Text made safe for HTML (and the SVG the figures are). */
export const escape = escapeXml;

/** What a table cell shows for a value that is not there. */
export const DASH = '—';

/** An estimate with its confidence interval, as the analysis gives them. */
export interface Interval {
	estimate: number;
	ciLower: number;
	ciUpper: number;
}

export const n = (value: number | null | undefined, decimals = 4): string =>
	value === null || value === undefined ? DASH : formatNumber(value, decimals);

export const ci = (estimate: number, lower: number, upper: number, decimals = 4): string =>
	formatEstimateCi(estimate, lower, upper, decimals);

/** "estimate (lower, upper)", or a dash when there is no interval. */
export const interval = (value: Interval | null | undefined, decimals = 4): string =>
	value ? ci(value.estimate, value.ciLower, value.ciUpper, decimals) : DASH;

/** An AUC with its interval, or a dash. */
export const aucInterval = (
	value: { auc: number; ciLower: number; ciUpper: number } | null | undefined,
	decimals = 4
): string => (value ? ci(value.auc, value.ciLower, value.ciUpper, decimals) : DASH);

/** A p-value as HTML: four decimals, or "< 0.0001" (escaped) below that. */
export const p = (value: number): string =>
	value < 0.0001 ? '&lt; 0.0001' : formatNumber(value, 4);

export const pct = (value: number | null | undefined): string =>
	value === null || value === undefined ? DASH : `${formatNumber(100 * value, 1)} %`;

/** The metric's name as the report prints it in `lang` (unescaped). */
export const metricName = (metric: string, lang: ReportLanguage): string =>
	inLanguage(lang, { en: METRIC_NAMES, zh: METRIC_NAMES_ZH })[metric] ?? metric;

/** The stratum's name as the report prints it in `lang` (unescaped). */
export const stratumName = (stratum: string, lang: ReportLanguage): string =>
	inLanguage(lang, { en: STRATUM_NAMES, zh: STRATUM_NAMES_ZH })[stratum] ?? stratum;

/** "yes" or "no" in `lang`. */
export const yesNo = (value: boolean, lang: ReportLanguage): string =>
	inLanguage(lang, { en: value ? 'yes' : 'no', zh: value ? '是' : '否' });

/** An ISO time as the report prints it: "2026-11-23 12:00:00Z" (the same in both languages). */
export const utcTime = (iso: string): string =>
	escapeXml(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

/** Up to this many rows, a table is kept on one page; a longer one may break between rows. */
export const KEEP_TOGETHER_ROWS = 18;

/**
 * A table of HTML cells (the caller escapes them). It is printed on one page unless it has more
 * than KEEP_TOGETHER_ROWS rows ("long": broken between rows, its header repeated).
 */
export function table(head: string[], rows: string[][], className = ''): string {
	if (rows.length > KEEP_TOGETHER_ROWS) className = `${className} long`.trim();
	const headRow = `<tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr>`;
	const bodyRows = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
	return `<table class="${className}"><thead>${headRow}</thead><tbody>${bodyRows.join('')}</tbody></table>`;
}

/** A figure with its caption, or nothing when there is no figure to draw. */
export function figure(svg: string | null, caption: string): string {
	return svg ? `<figure>${svg}<figcaption>${escape(caption)}</figcaption></figure>` : '';
}

/** Plain-text lines as escaped list items (without the surrounding list). */
export function listItems(lines: string[]): string {
	return lines.map((line) => `<li>${escape(line)}</li>`).join('');
}

/**
 * Text the system wrote in English and the report quotes as written (an error message, a log
 * line, an analysis note): escaped, and in a Chinese report marked as English (lang="en").
 */
export const verbatim = (text: string, lang: ReportLanguage): string =>
	lang === 'en' ? escapeXml(text) : `<span lang="en">${escapeXml(text)}</span>`;
