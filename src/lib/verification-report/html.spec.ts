// The report's p-value cell is HTML: a p below 0.0001 must print as "< 0.0001" once the page is
// parsed, so its "<" is escaped (an unescaped "< 0" can open a tag in a strict parser).
import { describe, expect, it } from 'vitest';
import { p } from './html';

describe('p', () => {
	it('escapes the "<" of a p below 0.0001', () => {
		expect(p(0.00002)).toBe('&lt; 0.0001');
	});

	it('prints four decimals otherwise', () => {
		expect(p(0.012345)).toBe('0.0123');
	});
});
