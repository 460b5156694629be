// The PostgreSQL twin of ../schema/lock-export.ts (what each table and column means is written there).
import { pgTable, text, integer } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies } from './study';

export const studyLocks = pgTable('study_locks', {
	id: id(),
	studyId: integer('study_id')
		.notNull()
		.unique()
		.references(() => studies.id, restrict),
	fingerprint: text('fingerprint').notNull(),
	fingerprintVersion: integer('fingerprint_version').notNull().default(1),
	sealJson: text('seal_json'),
	reason: text('reason').notNull(),
	lockedBy: text('locked_by').notNull(),
	createdAt: createdAt()
});

export const blindExports = pgTable('blind_exports', {
	id: id(),
	studyId: integer('study_id')
		.notNull()
		.references(() => studies.id, restrict),
	manifestSha256: text('manifest_sha256').notNull(),
	codeKeyJson: text('code_key_json').notNull(),
	resultsSha256: text('results_sha256'),
	resultsRegisteredAt: timestampMs('results_registered_at'),
	keyReleasedAt: timestampMs('key_released_at'),
	createdAt: createdAt()
});
