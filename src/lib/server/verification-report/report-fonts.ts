// The Chinese report's font, embedded in its HTML so that Chromium prints the same glyphs on any
// server (no CJK font need be installed) and the PDF carries the font: Noto Sans SC from
// @fontsource/noto-sans-sc, whose regular weight comes as ~100 woff2 subsets, each with its
// unicode-range. Only the subsets that cover a character the document uses are embedded, as data
// URLs (bold text is drawn from the regular face).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface FontSubset {
	file: string;
	unicodeRange: string;
	ranges: Array<[low: number, high: number]>;
}

let subsets: { dir: string; faces: FontSubset[] } | null = null;

/** "U+4e00-9fff,U+3000" → [[0x4e00, 0x9fff], [0x3000, 0x3000]]. */
export function parseUnicodeRange(range: string): Array<[number, number]> {
	return range.split(',').map((part) => {
		const [low, high] = part.trim().replace(/^U\+/i, '').split('-');
		return [parseInt(low!, 16), parseInt(high ?? low!, 16)];
	});
}

/** The regular-weight subsets of Noto Sans SC as the package's 400.css declares them. */
function notoSansScSubsets(): { dir: string; faces: FontSubset[] } {
	if (subsets) return subsets;
	const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css');
	const dir = dirname(css);
	const faces = [...readFileSync(css, 'utf8').matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(
		([, block]) => {
			const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block!)?.[1];
			const unicodeRange = /unicode-range:\s*([^;]+);/.exec(block!)?.[1]?.trim();
			if (!file || !unicodeRange) return [];
			return [{ file, unicodeRange, ranges: parseUnicodeRange(unicodeRange) }];
		}
	);
	subsets = { dir, faces };
	return subsets;
}

/** The @font-face rules (woff2 as data URLs) of the Noto Sans SC subsets that `text` needs. */
export function notoSansScFaces(text: string): string {
	const { dir, faces } = notoSansScSubsets();
	const used = new Set<number>();
	for (const character of text) used.add(character.codePointAt(0)!);
	const codePoints = [...used];
	return faces
		.filter((face) =>
			codePoints.some((code) => face.ranges.some(([low, high]) => code >= low && code <= high))
		)
		.map((face) => {
			const data = readFileSync(join(dir, face.file)).toString('base64');
			return `@font-face{font-family:'Noto Sans SC';font-style:normal;font-weight:400;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${face.unicodeRange};}`;
		})
		.join('\n');
}

/**
 * The report's HTML with Noto Sans SC embedded when it is a Chinese document (`<html lang="zh-CN">`;
 * its style names the font); an English report is returned as it is.
 */
export function withEmbeddedFonts(html: string): string {
	if (!/<html lang="zh-CN">/.test(html)) return html;
	const text = html.replace(/<style>[\s\S]*?<\/style>/g, '');
	return html.replace('<style>', `<style>\n${notoSansScFaces(text)}\n`);
}
