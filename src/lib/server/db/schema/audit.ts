// The audit trail (SEC-2): append-only, hash-chained. Triggers in drizzle/ refuse UPDATE and DELETE.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const auditEvents = sqliteTable(
	'audit_events',
	{
		seq: integer('seq').primaryKey(),
		/** ISO-8601 UTC with milliseconds. */
		at: text('at').notNull(),
		actorUserId: integer('actor_user_id'),
		/** Who acted, readable: "user:3 <a@b>", "cli:root", "system". */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id'),
		studyId: integer('study_id'),
		beforeJson: text('before_json'),
		afterJson: text('after_json'),
		reason: text('reason'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(table) => [
		index('audit_events_study_idx').on(table.studyId),
		index('audit_events_entity_idx').on(table.entityType, table.entityId)
	]
);

/**
 * Signed checkpoints of the audit chain's head (audit/checkpoint.service.ts): append-only like the
 * trail (triggers in drizzle/), and each also appended to audit-checkpoints.jsonl beside the database.
 */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** The sequence number of the chain's head that was signed. */
	seq: integer('seq').notNull().unique(),
	/** The hash of that row. */
	hash: text('hash').notNull(),
	/** How many audit rows the chain held when it was signed. */
	rowCount: integer('row_count').notNull(),
	/** ISO-8601 UTC with milliseconds. */
	signedAt: text('signed_at').notNull(),
	/** Why it was signed: periodic, lock, release, export, report, backup or manual. */
	occasion: text('occasion').notNull(),
	/** SHA-256 (hex) of the signing public key (SPKI DER). */
	keyId: text('key_id').notNull(),
	/** Ed25519 signature (base64) over the canonical checkpoint (checkpoint-record.ts). */
	signature: text('signature').notNull()
});
