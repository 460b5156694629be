import { describe, expect, it } from 'vitest';
import { failureReason } from './viewer-listen';

describe('failureReason', () => {
	it('names the HTTP status of a rejected request', () => {
		expect(failureReason({ status: 500, response: null })).toBe('HTTP 500');
		expect(failureReason({ status: 404 })).toBe('HTTP 404');
	});

	it('gives an error’s message, and nothing for what says nothing', () => {
		expect(failureReason(new Error('no decoder'))).toBe('no decoder');
		expect(failureReason({ status: 0, message: 'network' })).toBe('network');
		expect(failureReason('bad frame')).toBe('bad frame');
		expect(failureReason(undefined)).toBe('');
		expect(failureReason({ status: 0 })).toBe('');
	});
});
