// Where to go after signing in: the `next` the guard passed on, only if it stays on this site.
// Browsers read `/\host`, `/<tab>/host` and the like as another origin, so the check is the URL
// parser's own reading, not a prefix test.

/** Control characters (C0, DEL, C1): a CR/LF would also break the Location header. */
const CONTROL = /\p{Cc}/u;
const MAX_LENGTH = 2048;

/** The same-origin path (with query and fragment) that `next` names, or null. */
export function safeNextPath(next: string | null, origin: string): string | null {
	if (!next || next.length > MAX_LENGTH || CONTROL.test(next)) return null;
	// One leading slash: not `//host` or `/\host` (a scheme-relative address), nor `\/host`.
	if (!next.startsWith('/') || next[1] === '/' || next[1] === '\\') return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin || !url.pathname.startsWith('/')) return null;
	if (url.pathname.startsWith('//')) return null;
	return `${url.pathname}${url.search}${url.hash}`;
}
