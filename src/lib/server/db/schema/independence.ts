// Checks of the test set's independence from the training data (seed 000; `tandem cases
// check-independence`): the sponsor's training manifest (keyed hashes only) compared with the
// keyed hashes kept at import, stored with the dataset as it was checked. Neither the manifest
// nor any identifier is stored: its SHA-256, the exchange key's fingerprint and the overlaps.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, restrict } from './columns';
import { studies } from './study';
import { datasetVersions } from './dataset';

export const independenceChecks = sqliteTable(
	'independence_checks',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		/** The frozen dataset version checked; null when the case set was not frozen. */
		datasetVersionId: integer('dataset_version_id').references(() => datasetVersions.id, restrict),
		/** The fingerprint of the case set as checked (dataset-freeze.service.ts). */
		datasetFingerprint: text('dataset_fingerprint').notNull(),
		manifestSha256: text('manifest_sha256').notNull(),
		manifestRows: integer('manifest_rows').notNull(),
		/** Public fingerprint of the exchange key (never the key). */
		exchangeKeyId: text('exchange_key_id').notNull(),
		/** The result: { cases, overlaps: [{ case, patient, institution }], unchecked, sites }, JSON. */
		resultJson: text('result_json').notNull(),
		checkedBy: text('checked_by').notNull(),
		checkedAt: timestampMs('checked_at').notNull()
	},
	(table) => [index('independence_checks_study_idx').on(table.studyId)]
);
