import { describe, expect, it } from 'vitest';
import {
	coord,
	escapeXml,
	formatNumber,
	linearScale,
	logScale,
	niceLinearTicks,
	niceLogTicks,
	svgDocument,
	tickDecimals
} from './svg';
import { armStyle } from './arm-style';
import { parseXml } from './xml.fixture';

describe('escapeXml', () => {
	it('escapes the five XML specials and drops characters XML 1.0 cannot hold', () => {
		expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;'
		);
		expect(escapeXml('bell\u0007 tab\tnewline\n')).toBe('bell tab\tnewline\n');
		expect(escapeXml('lone \uD800 surrogate, pair \uD83D\uDE00 kept')).toBe(
			'lone  surrogate, pair \uD83D\uDE00 kept'
		);
	});

	it('round-trips through the XML parser as text and as an attribute', () => {
		const nasty = `<b>"R&D" — 'α' ]]> &amp;</b>`;
		const root = parseXml(`<r a="${escapeXml(nasty)}">${escapeXml(nasty)}</r>`);
		expect(root.attributes.a).toBe(nasty);
		expect(root.text).toBe(nasty);
	});
});

describe('formatNumber', () => {
	it('uses fixed decimals and U+2212 for negatives', () => {
		expect(formatNumber(0.0314, 3)).toBe('0.031');
		expect(formatNumber(-0.0123, 3)).toBe('\u22120.012');
		expect(formatNumber(-12, 1)).toBe('\u221212.0');
		expect(formatNumber(2, 0)).toBe('2');
	});

	it('never prints a negative zero', () => {
		expect(formatNumber(-0.0004, 3)).toBe('0.000');
		expect(formatNumber(-0, 2)).toBe('0.00');
	});

	it('spells out non-finite values', () => {
		expect(formatNumber(Number.NEGATIVE_INFINITY, 2)).toBe('\u2212∞');
		expect(formatNumber(Number.NaN, 2)).toBe('NaN');
	});
});

describe('coord', () => {
	it('rounds to 0.01 px in the shortest form, with ASCII minus and no -0', () => {
		expect(coord(144)).toBe('144');
		expect(coord(12.3456)).toBe('12.35');
		expect(coord(-3.1)).toBe('-3.1');
		expect(coord(-0.001)).toBe('0');
		expect(() => coord(Number.NaN)).toThrow('finite');
	});
});

describe('scales and ticks', () => {
	it('maps linearly, including reversed ranges', () => {
		const y = linearScale([0, 1], [336, 16]);
		expect(y(0)).toBe(336);
		expect(y(0.5)).toBe(176);
		expect(y(1)).toBe(16);
		expect(() => linearScale([1, 1], [0, 10])).toThrow('two different');
	});

	it('maps logarithmically: each decade gets the same length', () => {
		const x = logScale([1, 100], [0, 200]);
		expect(x(1)).toBe(0);
		expect(x(10)).toBeCloseTo(100, 12);
		expect(x(100)).toBeCloseTo(200, 12);
		expect(() => logScale([0, 10], [0, 1])).toThrow('positive');
	});

	it('picks 1–2–5 steps and covers the range with exact multiples', () => {
		// Span 0.18 / 5 = 0.036 → step 0.05; span 0.15 / 6 = 0.025 → step 0.02.
		expect(niceLinearTicks(-0.062, 0.118, 5)).toEqual({
			values: [-0.1, -0.05, 0, 0.05, 0.1, 0.15],
			step: 0.05,
			decimals: 2
		});
		expect(niceLinearTicks(-0.05, 0.1, 6)).toEqual({
			values: [-0.06, -0.04, -0.02, 0, 0.02, 0.04, 0.06, 0.08, 0.1],
			step: 0.02,
			decimals: 2
		});
		expect(niceLinearTicks(0, 1, 5).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
		expect(niceLinearTicks(3, 97, 4)).toEqual({
			values: [0, 20, 40, 60, 80, 100],
			step: 20,
			decimals: 0
		});
	});

	it('snaps a log domain outward to the 1–2–5 series', () => {
		expect(niceLogTicks(3.2, 140)).toEqual({
			domain: [2, 200],
			values: [2, 5, 10, 20, 50, 100, 200]
		});
		expect(niceLogTicks(0.3, 1800)).toEqual({
			domain: [0.2, 2000],
			values: [0.2, 1, 10, 100, 1000, 2000]
		});
		expect(niceLogTicks(5, 5)).toEqual({ domain: [5, 10], values: [5, 10] });
		expect([0.5, 2, 20].map(tickDecimals)).toEqual([1, 0, 0]);
	});
});

describe('armStyle', () => {
	it('gives the first six arms distinct colours, dash patterns and markers', () => {
		const styles = [0, 1, 2, 3, 4, 5].map(armStyle);
		expect(new Set(styles.map((style) => style.color)).size).toBe(6);
		expect(new Set(styles.map((style) => style.dash ?? 'solid')).size).toBe(6);
		expect(new Set(styles.map((style) => style.marker)).size).toBe(6);
		expect(armStyle(6)).toEqual(armStyle(0));
	});
});

describe('svgDocument', () => {
	it('writes a parseable root with viewBox, size, title and desc first', () => {
		const root = parseXml(
			svgDocument({
				width: 100.2,
				height: 50,
				title: 'A & B',
				description: '<desc>',
				body: ['<g/>'],
				className: 'figure'
			})
		);
		expect(root.name).toBe('svg');
		expect(root.attributes).toMatchObject({
			xmlns: 'http://www.w3.org/2000/svg',
			width: '101',
			height: '50',
			viewBox: '0 0 101 50',
			role: 'img'
		});
		expect(root.attributes['font-family']).toMatch(/sans-serif$/);
		expect(root.children[0]).toMatchObject({ name: 'title', text: 'A & B' });
		expect(root.children[1]).toMatchObject({ name: 'desc', text: '<desc>' });
	});
});

describe('parseXml (test support)', () => {
	it('rejects what is not well-formed', () => {
		expect(() => parseXml('<a><b></a></b>')).toThrow('closes');
		expect(() => parseXml('<a x=1/>')).toThrow('unquoted');
		expect(() => parseXml('<a x="1" x="2"/>')).toThrow('duplicate');
		expect(() => parseXml('<a>Tom & Jerry</a>')).toThrow("bare '&'");
		expect(() => parseXml('<a>&nbsp;</a>')).toThrow('unknown entity');
		expect(() => parseXml('<a x="<"/>')).toThrow("'<' in attribute");
		expect(() => parseXml('<a/><b/>')).toThrow('second root');
		expect(() => parseXml('<a>')).toThrow('unclosed');
		expect(() => parseXml('text<a/>')).toThrow('outside the root');
	});
});
