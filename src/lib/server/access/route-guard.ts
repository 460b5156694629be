// Which roles may open which part of the app. A second line behind the services' own checks.
import type { Role } from '../db/schema';

const AREAS: ReadonlyArray<readonly [prefix: string, roles: readonly Role[]]> = [
	['/admin', ['admin']],
	['/monitor', ['sponsor', 'admin']],
	['/site', ['coordinator', 'admin']],
	['/analysis', ['statistician', 'evaluator', 'admin']],
	['/read', ['reader']],
	['/api/read', ['reader']],
	['/api/reads', ['reader']],
	['/api', ['admin', 'sponsor', 'coordinator', 'reader', 'statistician', 'evaluator']]
];

const STUDY_ANALYSIS = /^\/analysis\/[^/]+(\/|$)/;

const PUBLIC = ['/login', '/logout', '/favicon.svg', '/robots.txt'];

export type GuardVerdict = 'public' | 'allowed' | 'login' | 'forbidden';

export function guardRoute(
	pathname: string,
	signedIn: boolean,
	roles: ReadonlySet<Role>
): GuardVerdict {
	if (PUBLIC.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return 'public';
	if (pathname.startsWith('/_app/')) return 'public';
	if (!signedIn) return 'login';
	// A study's analysis page opens to its sponsor once unblinding is recorded; the service decides.
	if (roles.has('sponsor') && STUDY_ANALYSIS.test(pathname)) return 'allowed';
	const area = AREAS.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`));
	if (!area) return 'allowed';
	return area[1].some((role) => roles.has(role)) ? 'allowed' : 'forbidden';
}
