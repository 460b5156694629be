// The app's routes as the file system declares them, for the probes that must cover every one:
// a new page, endpoint or form action is probed without anyone remembering to add it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Route {
	/** The URL pattern, groups dropped: `/analysis/[slug]`. */
	pattern: string;
	kind: 'page' | 'endpoint';
	methods: string[];
	/** The page's form actions (`default` for an unnamed one). */
	actions: string[];
}

/** Routes from src/routes: +page.* files are pages, +server.ts files endpoints with their exported methods. */
export function discoverRoutes(dir = 'src/routes'): Route[] {
	const routes: Route[] = [];
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) routes.push(...discoverRoutes(path));
		const pattern =
			'/' +
			relative('src/routes', dir)
				.split('/')
				.filter((part) => part && !part.startsWith('('))
				.join('/');
		// A page is a +page.svelte, or a +page.server.ts alone (a redirect, a form action).
		const isPage =
			name === '+page.svelte' ||
			(name === '+page.server.ts' &&
				!statSync(join(dir, '+page.svelte'), { throwIfNoEntry: false }));
		if (isPage) {
			const server = join(dir, '+page.server.ts');
			const actions = statSync(server, { throwIfNoEntry: false })
				? actionsOf(readFileSync(server, 'utf8'))
				: [];
			routes.push({ pattern, kind: 'page', methods: ['GET'], actions });
		}
		if (name === '+server.ts') {
			const methods = [
				...readFileSync(path, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)
			].map((match) => match[1]!);
			routes.push({ pattern, kind: 'endpoint', methods, actions: [] });
		}
	}
	return routes;
}

/** The keys of `export const actions = { … }`: the object's own properties, one tab in. */
function actionsOf(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const body = source.slice(start);
	const end = body.search(/\n\};?/);
	return [...body.slice(0, end < 0 ? undefined : end).matchAll(/^\t(\w+)\s*[:(]/gm)].map(
		(match) => match[1]!
	);
}
