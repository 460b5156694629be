// Database lock and third-party-blind exports (SEC-3). The lock freezes the reads with a
// fingerprint; an export's code key (who is which reader, case and arm) stays here until the
// evaluator has registered the SHA-256 of their results (commit, then unblind).
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies } from './study';

export const studyLocks = sqliteTable('study_locks', {
	id: id(),
	studyId: integer('study_id')
		.notNull()
		.unique()
		.references(() => studies.id, restrict),
	/** SHA-256 over the canonical reads, truth, protocol and image hashes at the lock. */
	fingerprint: text('fingerprint').notNull(),
	/**
	 * The recipe of the fingerprint: 1 = protocol, images, truth and reads; 2 = those and the AI's
	 * outputs. A lock is verified by the recipe it was made with (locks before 2 hold 1).
	 */
	fingerprintVersion: integer('fingerprint_version').notNull().default(1),
	/** { item: SHA-256 } of every fingerprinted item (recipe 2 on), so a check names what changed. */
	sealJson: text('seal_json'),
	reason: text('reason').notNull(),
	lockedBy: text('locked_by').notNull(),
	createdAt: createdAt()
});

export const blindExports = sqliteTable('blind_exports', {
	id: id(),
	studyId: integer('study_id')
		.notNull()
		.references(() => studies.id, restrict),
	/** SHA-256 of manifest.json as written. */
	manifestSha256: text('manifest_sha256').notNull(),
	/** { readers: {code: reader}, cases: {code: case}, arms: {code: arm} } — never in the export. */
	codeKeyJson: text('code_key_json').notNull(),
	resultsSha256: text('results_sha256'),
	resultsRegisteredAt: timestampMs('results_registered_at'),
	keyReleasedAt: timestampMs('key_released_at'),
	createdAt: createdAt()
});
