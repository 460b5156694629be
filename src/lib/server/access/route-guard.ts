// Which roles may open which part of the app. A second line behind the services' own checks.
import { ROLES, type Role } from '../db/schema';

const AREAS: ReadonlyArray<readonly [prefix: string, roles: readonly Role[]]> = [
	['/admin', ['admin']],
	['/monitor', ['sponsor', 'admin']],
	['/site', ['coordinator', 'admin']],
	['/analysis', ['statistician', 'evaluator', 'admin']],
	['/read', ['reader']],
	['/api/read', ['reader']],
	['/api/reads', ['reader']],
	['/annotate', ['annotator']],
	['/api/annotate', ['annotator']],
	['/adjudicate', ['adjudicator']],
	['/api/adjudicate', ['adjudicator']],
	// Anything else under /api: anyone signed in, in whatever role (the services check the rest).
	['/api', ROLES]
];

// (Not the study's reference-standard report: that is for the analysts only.)
const STUDY_ANALYSIS = /^\/analysis\/[^/]+(\/(?!reference-standard(\/|$))|$)/;

// The health probes answer a load balancer, which does not sign in (their bodies name checks only).
const PUBLIC = [
	...['/login', '/logout', '/invite', '/favicon.svg', '/favicon.ico', '/robots.txt'],
	...['/healthz', '/readyz']
];

export type GuardVerdict = 'public' | 'allowed' | 'login' | 'forbidden';

/** From the most to the least permissive; of two verdicts the later one holds. */
const STRICTNESS: readonly GuardVerdict[] = ['public', 'allowed', 'forbidden', 'login'];

/**
 * The verdict for a request. The path is guarded as the router reads it (decoded, `.`/`..` and
 * doubled slashes resolved, any case), so `/%61dmin` or `//admin` is the admin area; and when the
 * request matched a route, its route id (groups dropped) is guarded too. The stricter verdict holds.
 */
export function guardRoute(
	pathname: string,
	signedIn: boolean,
	roles: ReadonlySet<Role>,
	routeId: string | null = null
): GuardVerdict {
	const paths = [normalisePath(pathname)];
	if (routeId !== null) paths.push(normalisePath(routeId.replace(/\/\([^/]*\)/g, '')));
	const verdicts = paths.map((path) =>
		path === null ? (signedIn ? 'forbidden' : 'login') : verdictFor(path, signedIn, roles)
	);
	return verdicts.reduce((a, b) => (STRICTNESS.indexOf(b) > STRICTNESS.indexOf(a) ? b : a));
}

function verdictFor(pathname: string, signedIn: boolean, roles: ReadonlySet<Role>): GuardVerdict {
	if (PUBLIC.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return 'public';
	if (pathname.startsWith('/_app/')) return 'public';
	if (!signedIn) return 'login';
	// A study's analysis page opens to its sponsor once unblinding is recorded; the service decides.
	if (roles.has('sponsor') && STUDY_ANALYSIS.test(pathname)) return 'allowed';
	const area = AREAS.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`));
	if (!area) return 'allowed';
	return area[1].some((role) => roles.has(role)) ? 'allowed' : 'forbidden';
}

/**
 * The path decoded (repeatedly, so nothing encoded twice hides), with `\` as `/`, empty and `.`
 * segments dropped, `..` resolved, in lower case; null when it cannot be decoded.
 */
function normalisePath(pathname: string): string | null {
	let decoded = pathname;
	for (let round = 0; ; round++) {
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			return null;
		}
		if (next === decoded) break;
		if (round === 3) return null;
		decoded = next;
	}
	const segments: string[] = [];
	for (const segment of decoded.toLowerCase().replaceAll('\\', '/').split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	return `/${segments.join('/')}`;
}
