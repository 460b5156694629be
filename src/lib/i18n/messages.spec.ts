// The interface's message files (messages/<locale>.json, compiled by Paraglide): every language
// has every message, with the same {placeholders}, so no text falls back or loses a value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
};

function messages(locale: string): Record<string, string> {
	const { $schema: _schema, ...entries } = JSON.parse(
		readFileSync(`messages/${locale}.json`, 'utf8')
	) as Record<string, unknown>;
	for (const [key, value] of Object.entries(entries)) {
		if (typeof value !== 'string' || value.trim() === '')
			throw new Error(`${locale}: ${key} is not a non-empty string`);
	}
	return entries as Record<string, string>;
}

/** The placeholder names of a message, sorted: "{done} of {total}" → ["done", "total"]. */
function placeholders(message: string): string[] {
	return [...message.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!).sort();
}

const base = messages(settings.baseLocale);
const others = settings.locales.filter((locale) => locale !== settings.baseLocale);

describe('interface messages', () => {
	it('are English plus simplified Chinese, English first', () => {
		expect(settings).toMatchObject({ baseLocale: 'en', locales: ['en', 'zh-CN'] });
	});

	it('checks its placeholder reader on a written-out example', () => {
		expect(placeholders('{total} reads, {done} done ({percent} %)')).toEqual([
			'done',
			'percent',
			'total'
		]);
		expect(placeholders('no value here')).toEqual([]);
	});

	it('have no brace outside a placeholder', () => {
		for (const locale of settings.locales) {
			for (const [key, message] of Object.entries(messages(locale))) {
				expect(message.replace(/\{[A-Za-z_]\w*\}/g, ''), `${locale}: ${key}`).not.toMatch(/[{}]/);
			}
		}
	});

	for (const locale of others) {
		it(`${locale} has exactly the keys of ${settings.baseLocale}`, () => {
			expect(Object.keys(messages(locale)).sort()).toEqual(Object.keys(base).sort());
		});

		it(`${locale} uses the same placeholders as ${settings.baseLocale} in every message`, () => {
			const translated = messages(locale);
			for (const [key, message] of Object.entries(base)) {
				expect(placeholders(translated[key] ?? ''), `${locale}: ${key}`).toEqual(
					placeholders(message)
				);
			}
		});
	}
});
