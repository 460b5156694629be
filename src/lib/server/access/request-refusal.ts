// Refusals seen at the edge of a request, for the audit: a service's AccessDenied or NotFound
// that was not recorded where it was raised (e.g. a reader's 404 on another reader's
// assignment), and the route guard's refusal of an area. Only signed-in people are recorded.
import type { Role } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { UserPrincipal } from './principal';
import { AccessDenied, NotFound } from '../errors';
import { auditRefusal, clip, isAudited, markAudited } from '../audit/refusal-audit';

export const GUARD_REFUSAL = 'Your role does not give access to this page.';

/** The parts of a SvelteKit request event used here. */
export interface RefusedRequest {
	locals: { user: { id: number; email: string; name: string } | null };
	request: Pick<Request, 'method'>;
	url: URL;
	route: { id: string | null };
}

/** "POST /analysis/demo?/release": the method, the path and a form action (never the query). */
export function describeRequest(event: Pick<RefusedRequest, 'request' | 'url'>): string {
	const action = /^\?\/[\w-]*/.exec(event.url.search)?.[0] ?? '';
	return clip(`${event.request.method} ${event.url.pathname}${action}`);
}

function principalOfRequest(event: RefusedRequest): UserPrincipal | null {
	const user = event.locals.user;
	return user ? { kind: 'user', userId: user.id, email: user.email, name: user.name } : null;
}

/** Records a service's refusal (403, 404) of a signed-in person, unless it was recorded already. */
export function auditRequestRefusal(db: DbOrTx, event: RefusedRequest, error: unknown): void {
	if (!(error instanceof AccessDenied || error instanceof NotFound) || isAudited(error)) return;
	const principal = principalOfRequest(event);
	if (!principal) return;
	auditRefusal(db, principal, {
		attempted: describeRequest(event),
		targetType: 'route',
		targetId: event.route.id ?? clip(event.url.pathname),
		status: error.status,
		reason: error.message
	});
	markAudited(error);
}

/** Records the route guard's refusal of an area to a signed-in person's roles. */
export function auditGuardRefusal(
	db: DbOrTx,
	event: RefusedRequest,
	roles: ReadonlySet<Role>
): void {
	const principal = principalOfRequest(event);
	if (!principal) return;
	auditRefusal(db, principal, {
		attempted: describeRequest(event),
		targetType: 'route',
		targetId: event.route.id ?? clip(event.url.pathname),
		status: 403,
		reason: GUARD_REFUSAL,
		details: { roles: [...roles].sort() }
	});
}
