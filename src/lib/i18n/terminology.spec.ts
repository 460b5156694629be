// Chinese terms with one meaning each: signing out is 退出登录; withdrawing a reader from a study
// (or an image from a case) is 撤出, never 退出, which a user would read as signing out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function messages(locale: string): Record<string, string> {
	return JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
}

const en = messages('en');
const zh = messages('zh-CN');
const about = (pattern: RegExp) => Object.keys(en).filter((key) => pattern.test(en[key]!));

describe('Chinese terminology', () => {
	it('finds the messages it checks', () => {
		expect(about(/sign out/i)).toContain('nav_sign_out');
		expect(about(/withdr/i)).toEqual(
			expect.arrayContaining(['site_withdraw_button', 'reader_withdrawn', 'site_reader_withdrawn'])
		);
	});

	it('says 退出登录 for signing out', () => {
		for (const key of about(/sign(ing)? out/i)) expect(zh[key], key).toContain('退出登录');
	});

	it('says 撤出 for withdrawing, never 退出', () => {
		for (const key of about(/withdr/i)) {
			expect(zh[key], key).not.toContain('退出');
			expect(zh[key], key).toContain('撤出');
		}
		expect(zh.site_withdraw_button).not.toBe(zh.nav_sign_out);
	});
});
