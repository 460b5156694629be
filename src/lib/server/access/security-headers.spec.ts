import { describe, expect, it } from 'vitest';
import { addSecurityHeaders, FALLBACK_CSP } from './security-headers';

const headersFor = (url: string, init: HeadersInit = {}) => {
	const headers = new Headers(init);
	addSecurityHeaders(headers, new URL(url));
	return headers;
};

describe('addSecurityHeaders', () => {
	it('sets nosniff, the referrer policy and no framing on every response', () => {
		const headers = headersFor('http://localhost:3000/monitor', { 'content-type': 'text/html' });
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('same-origin');
		expect(headers.get('x-frame-options')).toBe('DENY');
	});

	it('sends HSTS only when the origin is https', () => {
		expect(headersFor('http://localhost:3000/').has('strict-transport-security')).toBe(false);
		expect(headersFor('https://tandem.example.org/').get('strict-transport-security')).toMatch(
			/^max-age=\d{8,}/
		);
	});

	it("keeps a page's own policy, gives other responses a strict one, and none to a PDF", () => {
		const page = "default-src 'self'; script-src 'self' 'nonce-abc'";
		expect(
			headersFor('http://localhost/', { 'content-security-policy': page }).get(
				'content-security-policy'
			)
		).toBe(page);
		for (const type of ['text/html; charset=utf-8', 'application/json', 'application/dicom'])
			expect(
				headersFor('http://localhost/report.html', { 'content-type': type }).get(
					'content-security-policy'
				)
			).toBe(FALLBACK_CSP);
		expect(FALLBACK_CSP).toContain("default-src 'none'");
		expect(FALLBACK_CSP).toContain("frame-ancestors 'none'");
		// Chromium shows a PDF through a plugin a policy would block.
		expect(
			headersFor('http://localhost/report.pdf', { 'content-type': 'application/pdf' }).has(
				'content-security-policy'
			)
		).toBe(false);
	});
});
