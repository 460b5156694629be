// Signed checkpoints of the audit chain (SEC-2). The hash chain shows that no row was changed in
// place, but whoever holds the database file can recompute it from scratch or cut its tail. A
// checkpoint signs the chain's head (sequence, hash, row count, UTC time) with the server's Ed25519
// key; `audit verify` then finds a chain that no longer has the signed hash at a checkpoint's
// sequence, or that ends before the last one. Checkpoints are made unasked (checkpoint-schedule.ts)
// and at the key moments: lock, key release, export, report, backup. Each is kept twice: in the
// append-only table and, for a SQLite file, in the append-only file beside it (checkpoint-file.ts),
// written first; on PostgreSQL the table's copies are the server's own (replicas, archived
// write-ahead log) and the manifests'. An in-memory database (tests) gets none.
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { auditCheckpoints, auditEvents } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { auditHead } from './audit.service';
import { Conflict } from '../errors';
import { signingKey } from '../export/signing-key';
import { logFor } from '../logger';
import { appendCheckpoint, checkpointFileOf, signsCheckpoints } from './checkpoint-file';
import {
	CHECKPOINT_FORMAT,
	signCheckpoint,
	type AuditCheckpoint,
	type CheckpointOccasion
} from './checkpoint-record';
import { insideTransaction, withTransaction } from '../db/transaction';

export interface ChainHead {
	seq: number;
	hash: string;
}

/** The chain's head and the signed checkpoint of it (null for an in-memory database or no chain). */
export interface SignedChainHead {
	head: ChainHead | null;
	checkpoint: AuditCheckpoint | null;
}

/** When a checkpoint is made unasked: after `rows` new events, or when the oldest unsigned one is `minutes` old. */
export interface CheckpointPolicy {
	rows: number;
	minutes: number;
}

export async function chainHead(db: DbOrTx): Promise<ChainHead | null> {
	return (await auditHead(db)) ?? null;
}

// Asked after every audited change (checkpointIfDue): prepared once per connection.
const statements = perConnection((db) => ({
	lastCheckpoint: db
		.select()
		.from(auditCheckpoints)
		.orderBy(desc(auditCheckpoints.seq))
		.limit(1)
		.prepare(),
	/** The chain's head, the last signed sequence and the time of the first row after it: one read. */
	due: db
		.select({
			head: sql<number | null>`max(${auditEvents.seq})`,
			signed: sql<number | null>`(select max(${auditCheckpoints.seq}) from ${auditCheckpoints})`,
			oldestUnsigned: sql<
				string | null
			>`(select ${auditEvents.at} from ${auditEvents} where ${auditEvents.seq} > coalesce((select max(${auditCheckpoints.seq}) from ${auditCheckpoints}), 0) order by ${auditEvents.seq} limit 1)`
		})
		.from(auditEvents)
		.prepare()
}));

type CheckpointRow = typeof auditCheckpoints.$inferSelect;

function fromRow(row: CheckpointRow): AuditCheckpoint {
	return {
		format: CHECKPOINT_FORMAT,
		seq: row.seq,
		hash: row.hash,
		rowCount: row.rowCount,
		signedAt: row.signedAt,
		occasion: row.occasion as CheckpointOccasion,
		keyId: row.keyId,
		signature: row.signature
	};
}

/** Every checkpoint in the database, by sequence. */
export async function checkpointsOf(db: DbOrTx): Promise<AuditCheckpoint[]> {
	return (await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq))).map(fromRow);
}

export async function lastCheckpoint(db: DbOrTx): Promise<AuditCheckpoint | null> {
	const row = await statements(db).lastCheckpoint.get();
	return row ? fromRow(row) : null;
}

/** A chain that does not continue its last checkpoint is not signed again (that would bless it). */
async function assertContinues(tx: DbOrTx, last: AuditCheckpoint, head: ChainHead): Promise<void> {
	if (head.seq < last.seq)
		throw new Conflict(
			`The audit chain ends at sequence ${head.seq}, before its last signed checkpoint (sequence ${last.seq}): not signing it.`
		);
	const row = (
		await tx
			.select({ hash: auditEvents.hash })
			.from(auditEvents)
			.where(eq(auditEvents.seq, last.seq))
	)[0];
	if (row?.hash !== last.hash)
		throw new Conflict(
			`The audit chain does not match its last signed checkpoint (sequence ${last.seq}): not signing it.`
		);
}

/**
 * Signs the chain's head now, unless the last checkpoint already covers it (then that one is
 * returned). Call it outside any transaction: the checkpoint must cover committed rows only.
 */
export async function checkpointChain(
	db: Db,
	occasion: CheckpointOccasion,
	now: Date = new Date()
): Promise<AuditCheckpoint | null> {
	if (!signsCheckpoints(db)) return null;
	const file = checkpointFileOf(db);
	if (insideTransaction(db))
		throw new Error('checkpointChain runs after a transaction, never inside one');
	const { privateKey } = signingKey();
	return await withTransaction(db, async (tx) => {
		const head = await chainHead(tx);
		if (!head) return null;
		const last = await lastCheckpoint(tx);
		if (last) {
			await assertContinues(tx, last, head);
			if (last.seq === head.seq) return last;
		}
		const rowCount = (await tx.select({ n: count() }).from(auditEvents).limit(1))[0]?.n ?? 0;
		const checkpoint = signCheckpoint(
			{ ...head, rowCount, signedAt: now.toISOString(), occasion },
			privateKey
		);
		// The file first: a crash between the two leaves a checkpoint the file has and the table
		// lacks (reported, and checked all the same), never the reverse.
		if (file) appendCheckpoint(file, checkpoint);
		const { seq, hash, signedAt, keyId, signature } = checkpoint;
		await tx
			.insert(auditCheckpoints)
			.values({ seq, hash, rowCount, signedAt, occasion, keyId, signature });
		return checkpoint;
	});
}

/** The head signed now, for a manifest: the export's, the report's, the backup's. */
export async function signedChainHead(
	db: Db,
	occasion: CheckpointOccasion = 'backup',
	now: Date = new Date()
): Promise<SignedChainHead> {
	const checkpoint = await checkpointChain(db, occasion, now);
	const head = checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : await chainHead(db);
	return { head, checkpoint };
}

/** Signs the head if the policy says it is time: `rows` events unsigned, or the oldest `minutes` old. */
export async function checkpointIfDue(
	db: Db,
	policy: CheckpointPolicy,
	now: Date = new Date()
): Promise<AuditCheckpoint | null> {
	if (!signsCheckpoints(db)) return null;
	const due = await statements(db).due.get();
	const head = due?.head ?? null;
	const signedSeq = due?.signed ?? 0;
	if (head === null || head <= signedSeq) return null;
	const ageMs = due?.oldestUnsigned ? now.getTime() - Date.parse(due.oldestUnsigned) : 0;
	if (head - signedSeq < policy.rows && ageMs < policy.minutes * 60_000) return null;
	return await checkpointChain(db, 'periodic', now);
}

/** After a key moment's transaction: sign the head; a failure is reported, the moment stands. */
export async function checkpointAfter(db: Db, occasion: CheckpointOccasion): Promise<void> {
	try {
		await checkpointChain(db, occasion);
	} catch (error) {
		logFor('audit').error(
			{ occasion, err: error },
			`the audit chain was not checkpointed (${occasion})`
		);
	}
}
