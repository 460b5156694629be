// The audit trail (SEC-2). One row per state change, written inside the transaction that makes
// the change, chained by hash: hash = SHA-256(previous hash + canonical row). The chain's head is
// signed from time to time (checkpoint.service.ts), so that it cannot be rewritten unnoticed.
import { asc, desc, getTableColumns, gt, sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { claimAuditTurn, isPostgresHandle } from '../db/postgres-transaction';
import { withTransaction } from '../db/transaction';
import { canonicalJson, sha256Hex } from '../crypto/hash';
import type { Principal } from '../access/principal';
import { checkpointWhenDue } from './checkpoint-schedule';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
	action: string;
	entityType: string;
	entityId?: string | number | null;
	studyId?: number | null;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
}

type AuditRow = typeof auditEvents.$inferSelect;

/** The fields the hash covers, in canonical form (everything but the hash itself). */
function canonicalRow(row: Omit<AuditRow, 'hash'>): string {
	return canonicalJson({
		seq: row.seq,
		at: row.at,
		actorUserId: row.actorUserId,
		actor: row.actor,
		action: row.action,
		entityType: row.entityType,
		entityId: row.entityId,
		studyId: row.studyId,
		beforeJson: row.beforeJson,
		afterJson: row.afterJson,
		reason: row.reason,
		prevHash: row.prevHash
	});
}

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
	return sha256Hex(row.prevHash + canonicalRow(row));
}

// Every state change writes a row: the head and the insert are prepared once per connection.
const statements = perConnection((db) => ({
	head: db
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.orderBy(desc(auditEvents.seq))
		.limit(1)
		.prepare(),
	insert: db
		.insert(auditEvents)
		.values(
			// Every column from a placeholder of its own name.
			Object.fromEntries(
				Object.keys(getTableColumns(auditEvents)).map((key) => [key, sql.placeholder(key)])
			) as unknown as AuditRow
		)
		.prepare()
}));

/** The chain's last row (its sequence and hash), or undefined before the first. */
export async function auditHead(db: DbOrTx): Promise<{ seq: number; hash: string } | undefined> {
	return await statements(db).head.get();
}

/** Appends one audit row. Call it inside the transaction of the change it records. */
export async function recordAudit(
	tx: DbOrTx,
	principal: Principal,
	entry: AuditEntry,
	now: Date = new Date()
): Promise<AuditRow> {
	// On PostgreSQL, transactions that audit take turns (SQLite's single writer does this): a
	// transaction of withTransaction holds the turn (or is run again with it); an append outside one
	// is made in a transaction of its own.
	if (isPostgresHandle(tx) && !claimAuditTurn(tx))
		return await withTransaction(tx, (inner) => recordAudit(inner, principal, entry, now));
	const last = await auditHead(tx);
	const row: Omit<AuditRow, 'hash'> = {
		seq: (last?.seq ?? 0) + 1,
		at: now.toISOString(),
		actorUserId: principal.kind === 'user' ? principal.userId : null,
		actor: principalLabel(principal),
		action: entry.action,
		entityType: entry.entityType,
		entityId:
			entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
		studyId: entry.studyId ?? null,
		beforeJson: entry.before === undefined ? null : canonicalJson(entry.before),
		afterJson: entry.after === undefined ? null : canonicalJson(entry.after),
		reason: entry.reason ?? null,
		prevHash: last?.hash ?? GENESIS_HASH
	};
	const complete = { ...row, hash: auditHash(row) };
	await statements(tx).insert.run(complete);
	checkpointWhenDue(tx);
	return complete;
}

export function principalLabel(principal: Principal): string {
	switch (principal.kind) {
		case 'user':
			return `user:${principal.userId} <${principal.email}>`;
		case 'operator':
			return `cli:${principal.label}`;
		case 'system':
			return `system:${principal.label}`;
	}
}

export type ChainVerdict =
	{ ok: true; count: number } | { ok: false; count: number; seq: number; problem: string };

/** Walks the chain in order; the first row whose sequence, link or hash does not hold is named. */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
	let expectedSeq = 1;
	let prevHash = GENESIS_HASH;
	let count = 0;
	for await (const row of auditRowsInOrder(db)) {
		if (row.seq !== expectedSeq) {
			return {
				ok: false,
				count,
				seq: expectedSeq,
				problem: `row ${expectedSeq} is missing (next row is ${row.seq})`
			};
		}
		if (row.prevHash !== prevHash) {
			return {
				ok: false,
				count,
				seq: row.seq,
				problem: 'previous-hash link does not match the row before'
			};
		}
		if (auditHash(row) !== row.hash) {
			return {
				ok: false,
				count,
				seq: row.seq,
				problem: 'contents do not match the stored hash (row altered)'
			};
		}
		prevHash = row.hash;
		expectedSeq++;
		count++;
	}
	return { ok: true, count };
}

/** Page by page rather than all at once: an audit trail of a long trial can be large. */
async function* auditRowsInOrder(db: Db, pageSize = 5_000): AsyncGenerator<AuditRow> {
	let after = 0;
	for (;;) {
		const page = await db
			.select()
			.from(auditEvents)
			.where(gt(auditEvents.seq, after))
			.orderBy(asc(auditEvents.seq))
			.limit(pageSize);
		yield* page;
		if (page.length < pageSize) return;
		after = page[page.length - 1]!.seq;
	}
}
