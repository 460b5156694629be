// Test-set figure: one stratum's cases per value as horizontal bars, with the stratum's balance
// (normalised Gini coefficient and Shannon entropy, stats/balance) under the title. The texts
// come from the caller, so the admin page can pass its language's and the report English.
import type { StratumBalance } from '../../stats/balance/stratum-balance';
import { emptyElement, formatNumber, svgDocument, textElement } from './svg';
import { approxTextWidth } from './text-width';

export interface StratumChartTexts {
	/** The stratum's name, e.g. "Manufacturer". */
	title: string;
	/** The balance line, e.g. "Gini 0.500 · Shannon 0.817 (normalised)". */
	balance: string;
	/** "cases", after each bar's count. */
	cases: string;
}

const BAR_HEIGHT = 16;
const ROW = 22;
const BAR_WIDTH = 240;
const PAD = 12;
const TOP = 46;
const MAX_LABEL = 220;

/** A value label cut to at most MAX_LABEL px, ending in "…" when cut. */
function fitted(label: string): string {
	if (approxTextWidth(label, 11) <= MAX_LABEL) return label;
	let cut = label;
	while (cut.length > 1 && approxTextWidth(`${cut}…`, 11) > MAX_LABEL) cut = cut.slice(0, -1);
	return `${cut}…`;
}

/**
 * "Gini 0.500 · Shannon 0.817 (normalised)"; a dash for a stratum without cases. `normalised` is
 * the closing word in the caller's language.
 */
export function balanceLine(
	stratum: Pick<StratumBalance, 'gini' | 'shannon'>,
	normalised = '(normalised)'
): string {
	const show = (value: number | null) => (value === null ? '—' : formatNumber(value, 3));
	return `Gini ${show(stratum.gini)} · Shannon ${show(stratum.shannon)} ${normalised}`;
}

export function stratumBarChart(stratum: StratumBalance, texts: StratumChartTexts): string {
	const labels = stratum.values.map((row) => fitted(row.value));
	const labelWidth = Math.max(40, ...labels.map((label) => approxTextWidth(label, 11)));
	const left = PAD + labelWidth + 8;
	const most = Math.max(1, ...stratum.values.map((row) => row.cases));
	const countWidth = approxTextWidth(`${most} ${texts.cases}`, 11);
	const width = Math.max(
		left + BAR_WIDTH + 8 + countWidth + PAD,
		PAD * 2 + approxTextWidth(texts.balance, 11),
		PAD * 2 + approxTextWidth(texts.title, 13)
	);
	const height = TOP + ROW * Math.max(1, stratum.values.length) + PAD;
	const body: string[] = [
		textElement(PAD, 18, texts.title, { class: 'title', 'font-size': 13, 'font-weight': 'bold' }),
		textElement(PAD, 35, texts.balance, { class: 'balance', 'font-size': 11 })
	];
	stratum.values.forEach((row, index) => {
		const y = TOP + index * ROW;
		const length = (row.cases / most) * BAR_WIDTH;
		body.push(
			'<g class="bar">',
			textElement(left - 8, y + 12, labels[index]!, { 'font-size': 11, 'text-anchor': 'end' }),
			emptyElement('rect', { x: left, y, width: length, height: BAR_HEIGHT, fill: '#4c78a8' }),
			textElement(left + length + 6, y + 12, `${row.cases} ${texts.cases}`, { 'font-size': 11 }),
			'</g>'
		);
	});
	return svgDocument({
		width,
		height,
		title: `${texts.title}: ${texts.balance}`,
		description: stratum.values.map((row) => `${row.value}: ${row.cases}`).join('; '),
		body,
		className: 'figure stratum-balance'
	});
}
