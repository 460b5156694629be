// The PostgreSQL twin of ../schema/dataset.ts (what each table and column means is written there).
import { pgTable, bigint, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { users } from './people';

export const importRuns = pgTable(
	'import_runs',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		sourceKind: text('source_kind', { enum: ['folder', 'dicomweb'] }).notNull(),
		source: text('source').notNull(),
		matchKey: text('match_key').notNull(),
		mappingSha256: text('mapping_sha256'),
		deidKeyId: text('deid_key_id').notNull(),
		status: text('status', { enum: ['running', 'completed', 'interrupted'] }).notNull(),
		filesFound: integer('files_found').notNull().default(0),
		imported: integer('imported').notNull().default(0),
		alreadyImported: integer('already_imported').notNull().default(0),
		skipped: integer('skipped').notNull().default(0),
		failed: integer('failed').notNull().default(0),
		startedBy: text('started_by').notNull(),
		startedAt: timestampMs('started_at').notNull(),
		finishedAt: timestampMs('finished_at')
	},
	(table) => [index('import_runs_study_idx').on(table.studyId)]
);

export const importedInstances = pgTable(
	'imported_instances',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		runId: integer('run_id')
			.notNull()
			.references(() => importRuns.id, restrict),
		sopInstanceUid: text('sop_instance_uid').notNull(),
		studyInstanceUid: text('study_instance_uid').notNull(),
		seriesInstanceUid: text('series_instance_uid').notNull(),
		sopClassUid: text('sop_class_uid').notNull(),
		modality: text('modality'),
		seriesNumber: integer('series_number'),
		instanceNumber: integer('instance_number'),
		path: text('path').notNull(),
		sha256: text('sha256').notNull(),
		/** bigint: a file past 2 GiB does not fit PostgreSQL's integer (SQLite's is 64-bit). */
		sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
		transferSyntaxUid: text('transfer_syntax_uid').notNull(),
		lossy: text('lossy'),
		missingTagsJson: text('missing_tags_json').notNull().default('[]'),
		headerJson: text('header_json').notNull().default('{}'),
		deidLogJson: text('deid_log_json').notNull(),
		withdrawnAt: timestampMs('withdrawn_at'),
		withdrawnReason: text('withdrawn_reason'),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('imported_instances_study_sop_uq').on(table.studyId, table.sopInstanceUid),
		index('imported_instances_case_idx').on(table.caseId)
	]
);

export const burnedInReviews = pgTable(
	'burned_in_reviews',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		instanceId: integer('instance_id')
			.notNull()
			.unique()
			.references(() => importedInstances.id, restrict),
		reasonsJson: text('reasons_json').notNull(),
		status: text('status', { enum: ['pending', 'cleared', 'identifying'] }).notNull(),
		decidedBy: integer('decided_by').references(() => users.id, restrict),
		decidedByLabel: text('decided_by_label'),
		note: text('note'),
		decidedAt: timestampMs('decided_at'),
		createdAt: createdAt()
	},
	(table) => [
		index('burned_in_reviews_study_idx').on(table.studyId, table.status),
		// Every request of the read path asks whether its case is held back (reading-gate.ts).
		index('burned_in_reviews_case_idx').on(table.caseId, table.status)
	]
);

export const datasetVersions = pgTable(
	'dataset_versions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		version: integer('version').notNull(),
		fingerprint: text('fingerprint').notNull(),
		cases: integer('cases').notNull(),
		images: integer('images').notNull(),
		acceptedJson: text('accepted_json').notNull().default('[]'),
		reason: text('reason'),
		frozenBy: text('frozen_by').notNull(),
		frozenAt: timestampMs('frozen_at').notNull(),
		reopenedAt: timestampMs('reopened_at'),
		reopenedBy: text('reopened_by'),
		reopenReason: text('reopen_reason')
	},
	(table) => [uniqueIndex('dataset_versions_study_version_uq').on(table.studyId, table.version)]
);
