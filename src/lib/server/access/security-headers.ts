// The security headers of every response the app resolves (hooks.server.ts). Pages bring their
// own Content-Security-Policy (kit.csp in svelte.config.js, with nonces for SvelteKit's scripts);
// any other response without one (the HTML report, JSON, images, errors of endpoints) gets a
// policy that allows nothing but inline styles, except a PDF, which Chromium shows in a plugin.

/** For responses that are not pages: no scripts, no frames, no fetches, no forms. */
export const FALLBACK_CSP = [
	"default-src 'none'",
	"style-src 'unsafe-inline'",
	'img-src data:',
	"frame-ancestors 'none'",
	"base-uri 'none'",
	"form-action 'none'"
].join('; ');

/** A year; subdomains are left to their own servers. */
export const HSTS = 'max-age=31536000';

export function addSecurityHeaders(headers: Headers, url: URL): void {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	if (url.protocol === 'https:') headers.set('Strict-Transport-Security', HSTS);
	const pdf = headers.get('content-type')?.startsWith('application/pdf') ?? false;
	if (!headers.has('Content-Security-Policy') && !pdf)
		headers.set('Content-Security-Policy', FALLBACK_CSP);
}
