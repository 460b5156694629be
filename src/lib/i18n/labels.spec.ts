import { describe, expect, it } from 'vitest';
import { designLabel, navLabel, queryStatusLabel, roleLabel, sessionStatusLabel } from './labels';

// Outside a request (as here) Paraglide falls back to the base locale, English.
describe('labels of stored values', () => {
	it('words known values and shows unknown ones as they are', () => {
		expect(roleLabel('statistician')).toBe('statistician');
		expect(sessionStatusLabel('in_progress')).toBe('in progress');
		expect(queryStatusLabel('closed')).toBe('closed');
		expect(designLabel('split-plot')).toBe('split-plot');
		expect(roleLabel('auditor')).toBe('auditor');
		expect(roleLabel('toString')).toBe('toString');
	});

	it('names the top bar links by where they lead', () => {
		expect(navLabel('/read', 'x')).toBe('Worklist');
		expect(navLabel('/elsewhere', 'Elsewhere')).toBe('Elsewhere');
	});
});
