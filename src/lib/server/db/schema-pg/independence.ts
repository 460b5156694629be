// The PostgreSQL twin of ../schema/independence.ts (what each table and column means is written there).
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, restrict } from './columns';
import { studies } from './study';
import { datasetVersions } from './dataset';

export const independenceChecks = pgTable(
	'independence_checks',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		datasetVersionId: integer('dataset_version_id').references(() => datasetVersions.id, restrict),
		datasetFingerprint: text('dataset_fingerprint').notNull(),
		manifestSha256: text('manifest_sha256').notNull(),
		manifestRows: integer('manifest_rows').notNull(),
		exchangeKeyId: text('exchange_key_id').notNull(),
		resultJson: text('result_json').notNull(),
		checkedBy: text('checked_by').notNull(),
		checkedAt: timestampMs('checked_at').notNull()
	},
	(table) => [index('independence_checks_study_idx').on(table.studyId)]
);
