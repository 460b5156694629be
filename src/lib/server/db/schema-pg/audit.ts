// The PostgreSQL twin of ../schema/audit.ts (what each table and column means is written there).
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { id } from './columns';

export const auditEvents = pgTable(
	'audit_events',
	{
		/** Numbered by the audit service (the previous row's + 1), as in SQLite: no identity. */
		seq: integer('seq').primaryKey(),
		at: text('at').notNull(),
		actorUserId: integer('actor_user_id'),
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

export const auditCheckpoints = pgTable('audit_checkpoints', {
	id: id(),
	seq: integer('seq').notNull().unique(),
	hash: text('hash').notNull(),
	rowCount: integer('row_count').notNull(),
	signedAt: text('signed_at').notNull(),
	occasion: text('occasion').notNull(),
	keyId: text('key_id').notNull(),
	signature: text('signature').notNull()
});
