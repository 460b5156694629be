import { describe, expect, it } from 'vitest';
import { inLanguage, reportLanguageOf } from './report-language';

describe('report language', () => {
	it('picks the text of the language asked for', () => {
		const table = { en: 'Sensitivity', zh: '灵敏度' };
		expect(inLanguage('en', table)).toBe('Sensitivity');
		expect(inLanguage('zh', table)).toBe('灵敏度');
	});

	it('maps interface locales to report languages', () => {
		expect(reportLanguageOf('zh-CN')).toBe('zh');
		expect(reportLanguageOf('en')).toBe('en');
		expect(reportLanguageOf(undefined)).toBe('en');
	});
});
