// Refused privileged actions in the audit trail (SEC-2): who tried what, on what, and why it was
// refused. A refusal row is written in its own transaction, after the refused request's
// transaction has rolled back, through the same hash-chained writer as every other row.
//
// Rate limit: at most REFUSAL_AUDIT_LIMIT.rowsPerWindow rows per actor and window; past that one
// summary row, and the actor's next recorded refusal says how many were left out. The limiter
// lives in memory, per process and per database connection: the audit of refusals is best-effort
// per process (a restart or a second process, e.g. the CLI, counts afresh). That is enough to keep
// one actor from flooding the chain; the refusals themselves are enforced whatever is recorded.
import type { Db, DbOrTx } from '../db/client';
import { rootOf } from '../db/root-handle';
import { connectionFacts } from '../db/connection-facts';
import { afterTransaction, withTransaction } from '../db/transaction';
import type { Principal } from '../access/principal';
import { principalLabel, recordAudit, type AuditEntry } from './audit.service';
import { logFor } from '../logger';

export const REFUSAL_AUDIT_LIMIT = { rowsPerWindow: 20, windowMs: 60_000 } as const;

/** Long texts from a request (paths, messages naming what was asked for) are cut to this. */
const MAX_TEXT = 300;

export interface Refusal {
	/** What was attempted: a service action ("export.release_key") or a request ("POST /site?/enrol"). */
	attempted: string;
	targetType: string;
	targetId?: string | number | null;
	studyId?: number | null;
	/** The HTTP status the refusal answers with (403, 404). */
	status: number;
	/** The refusal's message, as the caller saw it. */
	reason: string;
	/** More facts for the row (e.g. the roles the action needs). */
	details?: Record<string, unknown>;
}

const audited = new WeakSet<object>();

/** Marks an error whose refusal is recorded, so the web glue does not record it again. */
export function markAudited(error: object): void {
	audited.add(error);
}

export function isAudited(error: unknown): boolean {
	return typeof error === 'object' && error !== null && audited.has(error);
}

export function clip(text: string): string {
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * Records a refused action of a signed-in person (operators and the system are never refused).
 * Written now if the connection is outside a transaction, else as soon as that transaction ends.
 */
export function auditRefusal(
	db: DbOrTx,
	principal: Principal,
	refusal: Refusal,
	now: Date = new Date()
): void {
	if (principal.kind !== 'user') return;
	const root = rootOf(db);
	if (!root) return;
	const actor = principalLabel(principal);
	const verdict = admit(connectionFacts(root).key, actor, now.getTime());
	let entry: AuditEntry;
	if (verdict.kind === 'record') {
		entry = {
			action: 'access.refused',
			entityType: refusal.targetType,
			entityId: refusal.targetId ?? null,
			studyId: refusal.studyId ?? null,
			after: {
				attempted: clip(refusal.attempted),
				status: refusal.status,
				...refusal.details,
				...(verdict.suppressed > 0 ? { suppressed: verdict.suppressed } : {})
			},
			reason: clip(refusal.reason)
		};
	} else if (verdict.kind === 'summary') {
		entry = {
			action: 'access.refusals_throttled',
			entityType: 'actor',
			entityId: principal.userId,
			studyId: refusal.studyId ?? null,
			after: {
				limit: REFUSAL_AUDIT_LIMIT.rowsPerWindow,
				windowMs: REFUSAL_AUDIT_LIMIT.windowMs,
				since: new Date(verdict.since).toISOString()
			},
			reason: `more than ${REFUSAL_AUDIT_LIMIT.rowsPerWindow} refusals within ${REFUSAL_AUDIT_LIMIT.windowMs / 1000} s: further ones are counted, not recorded, until the window ends`
		};
	} else return;
	write(db, root, principal, entry, now);
}

interface Window {
	since: number;
	recorded: number;
	suppressed: number;
	/** Suppressed refusals not yet reported by a recorded row. */
	unreported: number;
}

type Verdict =
	{ kind: 'record'; suppressed: number } | { kind: 'summary'; since: number } | { kind: 'skip' };

const windows = new WeakMap<object, Map<string, Window>>();

function admit(client: object, actor: string, at: number): Verdict {
	let byActor = windows.get(client);
	if (!byActor) windows.set(client, (byActor = new Map()));
	let window = byActor.get(actor);
	if (!window || at - window.since >= REFUSAL_AUDIT_LIMIT.windowMs) {
		if (byActor.size > 10_000) prune(byActor, at);
		window = { since: at, recorded: 0, suppressed: 0, unreported: window?.unreported ?? 0 };
		byActor.set(actor, window);
	}
	if (window.recorded < REFUSAL_AUDIT_LIMIT.rowsPerWindow) {
		window.recorded++;
		const suppressed = window.unreported;
		window.unreported = 0;
		return { kind: 'record', suppressed };
	}
	window.suppressed++;
	window.unreported++;
	return window.suppressed === 1 ? { kind: 'summary', since: window.since } : { kind: 'skip' };
}

function prune(byActor: Map<string, Window>, at: number): void {
	for (const [actor, window] of byActor)
		if (at - window.since >= REFUSAL_AUDIT_LIMIT.windowMs && window.unreported === 0)
			byActor.delete(actor);
}

/**
 * Written once the transaction the refusal was raised in is over (it rolls back with the refusal),
 * in a transaction of its own; outside a transaction, now.
 */
function write(db: DbOrTx, root: Db, principal: Principal, entry: AuditEntry, now: Date): void {
	afterTransaction(db, async () => {
		if (!connectionFacts(root).open) return;
		try {
			await withTransaction(root, async (tx) => await recordAudit(tx, principal, entry, now));
		} catch (error) {
			// Never let the record of a refusal replace the refusal itself.
			logFor('audit').error({ err: error }, 'a refusal could not be audited');
		}
	});
}
