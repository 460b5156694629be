// Shared pieces of the report figures: XML escaping, number formatting, scales, ticks and the
// <svg> document wrapper (how arms are drawn is in arm-style.ts, label widths in text-width.ts).
// Pure string building, no DOM: the same functions run in the server that prints the PDF report
// and in the Svelte page that shows the figure.
//
// Conventions every figure follows:
// - deterministic: no clocks, no randomness, coordinates rounded to 0.01 px by `coord`;
// - no element ids (several figures may be inlined in one HTML page), no external resources;
// - every text goes through `escapeXml`; numbers shown to people go through `formatNumber`
//   (fixed decimals, U+2212 minus sign); coordinates use ASCII '-' as SVG requires.

/** The font stack: the platform's own sans-serif UI font, then common fallbacks. */
export const FONT_FAMILY =
	"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** U+2212 MINUS SIGN, used for negative numbers in labels. */
export const MINUS = '\u2212';

// XML 1.0 forbids these code points even as character references (§2.2 Char): C0 controls
// other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = new RegExp(
	[
		String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]`, // controls, U+FFFE, U+FFFF
		String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])`, // a high surrogate without its low half
		String.raw`(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]` // a low surrogate without its high half
	].join('|'),
	'g'
);

/** Escape text for XML character data and attribute values; drops characters XML cannot hold. */
export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML_CHAR, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** A number for people: `decimals` fixed decimals, "−" for negatives, never "−0.000". */
export function formatNumber(value: number, decimals: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
	const text = Math.abs(value).toFixed(decimals);
	// A value that rounds to zero prints without a sign.
	const roundsToZero = /^[0.]*$/.test(text);
	return value < 0 && !roundsToZero ? MINUS + text : text;
}

/** A coordinate for SVG markup: rounded to 0.01, shortest form, no "-0". */
export function coord(value: number): string {
	if (!Number.isFinite(value))
		throw new RangeError(`figure coordinate must be finite, got ${value}`);
	const rounded = Math.round(value * 100) / 100;
	return rounded === 0 ? '0' : String(rounded);
}

/** A point list "x1,y1 x2,y2 …" for `points` attributes. */
export function pointList(points: readonly (readonly [number, number])[]): string {
	return points.map(([x, y]) => `${coord(x)},${coord(y)}`).join(' ');
}

/** A polyline path "M x,y L x,y …" (one subpath). */
export function linePath(points: readonly (readonly [number, number])[]): string {
	return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coord(x)},${coord(y)}`).join(' ');
}

/** Attributes object → ` name="value" …`, in the given order, skipping undefined values. */
export function attributes(values: Record<string, string | number | undefined>): string {
	let out = '';
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined) continue;
		out += ` ${name}="${escapeXml(typeof value === 'number' ? coord(value) : value)}"`;
	}
	return out;
}

/** An empty element `<name …/>` with the given attributes (see `attributes`). */
export function emptyElement(
	name: string,
	values: Record<string, string | number | undefined>
): string {
	return `<${name}${attributes(values)}/>`;
}

/** "1 reader", "2 readers": a count with its noun, plural unless the count is 1. */
export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A text element; `content` is escaped here. */
export function textElement(
	x: number,
	y: number,
	content: string,
	extra: Record<string, string | number | undefined> = {}
): string {
	return `<text${attributes({ x, y, ...extra })}>${escapeXml(content)}</text>`;
}

export type Scale = (value: number) => number;

/** Linear map of [d0, d1] onto [r0, r1]. */
export function linearScale(
	domain: readonly [number, number],
	range: readonly [number, number]
): Scale {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	if (!(d1 !== d0 && Number.isFinite(d0) && Number.isFinite(d1)))
		throw new RangeError(`scale domain must be two different finite numbers, got [${d0}, ${d1}]`);
	const slope = (r1 - r0) / (d1 - d0);
	return (value) => r0 + (value - d0) * slope;
}

/** Logarithmic map of [d0, d1] (both > 0) onto [r0, r1]. */
export function logScale(
	domain: readonly [number, number],
	range: readonly [number, number]
): Scale {
	const [d0, d1] = domain;
	if (!(d0 > 0 && d1 > 0))
		throw new RangeError(`log scale domain must be positive, got [${d0}, ${d1}]`);
	const inner = linearScale([Math.log10(d0), Math.log10(d1)], range);
	return (value) => inner(Math.log10(value));
}

export interface LinearTicks {
	/** Tick values, exact multiples of `step` (computed as k × step, so no drift). */
	values: number[];
	step: number;
	/** Decimals that show every tick exactly (0 for steps ≥ 1). */
	decimals: number;
}

/** The 1–2–5 step nearest to giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
	const raw = span / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	const ratio = raw / power;
	const multiple = ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10;
	return multiple * power;
}

/**
 * Ticks on a 1–2–5 step covering [min, max] with about `count` intervals; the returned
 * values run from a multiple of the step at or below `min` to one at or above `max`, so
 * the first and last tick make a "nice" domain.
 */
export function niceLinearTicks(min: number, max: number, count = 5): LinearTicks {
	if (!(Number.isFinite(min) && Number.isFinite(max) && max > min))
		throw new RangeError(`ticks need a finite min < max, got ${min}, ${max}`);
	const step = niceStep(max - min, count);
	const first = Math.floor(min / step + 1e-9);
	const last = Math.ceil(max / step - 1e-9);
	const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
	const values: number[] = [];
	for (let k = first; k <= last; k++) values.push(Number((k * step).toFixed(decimals)));
	return { values, step, decimals };
}

/** 1–2–5 values per decade, ascending. */
function oneTwoFive(low: number, high: number): number[] {
	const out: number[] = [];
	for (
		let exponent = Math.floor(Math.log10(low)) - 1;
		exponent <= Math.ceil(Math.log10(high)) + 1;
		exponent++
	) {
		for (const multiple of [1, 2, 5]) out.push(Number((multiple * 10 ** exponent).toPrecision(1)));
	}
	return out;
}

/**
 * A log-axis domain snapped outward to the 1–2–5 series, and its ticks: every 1–2–5 value
 * when the domain spans at most ~2.5 decades, powers of ten otherwise.
 */
export function niceLogTicks(
	min: number,
	max: number
): { domain: [number, number]; values: number[] } {
	if (!(min > 0 && max >= min && Number.isFinite(max)))
		throw new RangeError(`log ticks need 0 < min ≤ max, got ${min}, ${max}`);
	const series = oneTwoFive(min, max);
	let low = series[0] as number;
	for (const value of series) if (value <= min * (1 + 1e-12)) low = value;
	let high = series[series.length - 1] as number;
	for (let i = series.length - 1; i >= 0; i--)
		if ((series[i] as number) >= max * (1 - 1e-12)) high = series[i] as number;
	if (high === low) high = series[series.indexOf(low) + 1] as number;
	const inDomain = series.filter((value) => value >= low && value <= high);
	const decades = Math.log10(high / low);
	const values =
		decades <= 2.5
			? inDomain
			: inDomain.filter(
					(value) => Number.isInteger(Math.log10(value)) || value === low || value === high
				);
	return { domain: [low, high], values };
}

/** Decimals needed to print a 1–2–5 tick value (0.5 → 1, 20 → 0). */
export function tickDecimals(value: number): number {
	return Math.max(0, -Math.floor(Math.log10(value) + 1e-9));
}

export interface SvgDocument {
	width: number;
	height: number;
	/** Accessible name (the <title>). */
	title: string;
	/** Accessible description (the <desc>). */
	description: string;
	/** Inner markup, already escaped. */
	body: string[];
	/** Class on the root element, e.g. "figure roc-curves". */
	className: string;
}

/** The root <svg> with viewBox, width/height, <title>, <desc>, font and a white background. */
export function svgDocument(document: SvgDocument): string {
	const width = Math.ceil(document.width);
	const height = Math.ceil(document.height);
	return [
		`<svg${attributes({
			xmlns: 'http://www.w3.org/2000/svg',
			width,
			height,
			viewBox: `0 0 ${width} ${height}`,
			role: 'img',
			class: document.className,
			'font-family': FONT_FAMILY,
			'font-size': 12,
			fill: '#000'
		})}>`,
		`<title>${escapeXml(document.title)}</title>`,
		`<desc>${escapeXml(document.description)}</desc>`,
		emptyElement('rect', { class: 'background', x: 0, y: 0, width, height, fill: '#fff' }),
		...document.body,
		'</svg>'
	].join('\n');
}

/** A horizontal axis under a plot: the line, 5 px ticks and their labels 17 px below it. */
export function bottomAxis(
	x: Scale,
	ticks: readonly number[],
	plotLeft: number,
	plotRight: number,
	plotBottom: number,
	label: (tick: number) => string
): string[] {
	return [
		'<g class="x-axis" stroke="#000" stroke-width="1">',
		emptyElement('line', { x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom }),
		...ticks.map((tick) =>
			emptyElement('line', { x1: x(tick), y1: plotBottom, x2: x(tick), y2: plotBottom + 5 })
		),
		'</g>',
		'<g class="tick-labels" font-size="11" text-anchor="middle">',
		...ticks.map((tick) => textElement(x(tick), plotBottom + 17, label(tick))),
		'</g>'
	];
}
