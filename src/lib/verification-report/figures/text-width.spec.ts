import { describe, expect, it } from 'vitest';
import { approxTextWidth } from './text-width';

describe('approxTextWidth', () => {
	it('gives Chinese, Japanese and Korean characters a full em, halfwidth forms half of one', () => {
		expect(approxTextWidth('周期1', 10)).toBeCloseTo(20 + 6.36, 6);
		expect(approxTextWidth('、。（）', 10)).toBe(40);
		expect(approxTextWidth('한글', 10)).toBe(20);
		// Ideographs outside the Basic Multilingual Plane (CJK extension B, U+20000…) are full width too.
		expect(approxTextWidth('\u{20000}\u{2A700}', 10)).toBe(20);
		// Halfwidth katakana and halfwidth Hangul are half an em.
		expect(approxTextWidth('ｱｲ', 10)).toBe(10);
		expect(approxTextWidth('ﾡ', 10)).toBe(5);
	});
});
