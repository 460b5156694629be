// The case set as imported and frozen (CAS-2, CAS-3, CAS-5): import runs, each stored
// (de-identified) image with its de-identification log and inclusion findings, the burned-in
// annotation review queue, and the frozen dataset versions with their fingerprints.
// No original identifier is stored anywhere here: no source path, no original UID, no old value.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { users } from './people';

export const importRuns = sqliteTable(
	'import_runs',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		sourceKind: text('source_kind', { enum: ['folder', 'dicomweb'] }).notNull(),
		/** The operator's label, a keyed hash of the folder's path (never the path), or the DICOMweb base URL without credentials. */
		source: text('source').notNull(),
		/** How files were matched to cases: accession, study-uid or patient-id (via the case id or a mapping CSV). */
		matchKey: text('match_key').notNull(),
		mappingSha256: text('mapping_sha256'),
		/** Public fingerprint of the de-identification key used (never the key). */
		deidKeyId: text('deid_key_id').notNull(),
		status: text('status', { enum: ['running', 'completed', 'interrupted'] }).notNull(),
		filesFound: integer('files_found').notNull().default(0),
		imported: integer('imported').notNull().default(0),
		alreadyImported: integer('already_imported').notNull().default(0),
		/** Files that were readable but matched no case, or are not images. */
		skipped: integer('skipped').notNull().default(0),
		/** Files that could not be read (corrupt, truncated, not DICOM). */
		failed: integer('failed').notNull().default(0),
		startedBy: text('started_by').notNull(),
		startedAt: timestampMs('started_at').notNull(),
		finishedAt: timestampMs('finished_at')
	},
	(table) => [index('import_runs_study_idx').on(table.studyId)]
);

export const importedInstances = sqliteTable(
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
		/** De-identified UIDs (keyed remaps of the originals). */
		sopInstanceUid: text('sop_instance_uid').notNull(),
		studyInstanceUid: text('study_instance_uid').notNull(),
		seriesInstanceUid: text('series_instance_uid').notNull(),
		sopClassUid: text('sop_class_uid').notNull(),
		modality: text('modality'),
		seriesNumber: integer('series_number'),
		instanceNumber: integer('instance_number'),
		/** Path of the stored, de-identified file, relative to the study folder. */
		path: text('path').notNull(),
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		transferSyntaxUid: text('transfer_syntax_uid').notNull(),
		/** Why the pixels are (or may be) lossy-compressed; null when not. */
		lossy: text('lossy'),
		/** Required attributes missing (CAS-3), JSON array of keywords. */
		missingTagsJson: text('missing_tags_json').notNull().default('[]'),
		/** Non-identifying header values kept for the distribution report: { manufacturer, model, sex, age, bodyPart }. */
		headerJson: text('header_json').notNull().default('{}'),
		/** The de-identification log: [{ tag, keyword, action }] — which tags changed, never their old values. */
		deidLogJson: text('deid_log_json').notNull(),
		/** Set when the image is taken out of the case (e.g. burned-in identity); its file is deleted. */
		withdrawnAt: timestampMs('withdrawn_at'),
		withdrawnReason: text('withdrawn_reason'),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('imported_instances_study_sop_uq').on(table.studyId, table.sopInstanceUid),
		index('imported_instances_case_idx').on(table.caseId)
	]
);

/** The coordinator's queue: images whose pixels may carry burned-in identity (CAS-2). */
export const burnedInReviews = sqliteTable(
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
		/** Why it was flagged, JSON array of text. */
		reasonsJson: text('reasons_json').notNull(),
		/** cleared: no identity in the pixels; identifying: the image was withdrawn from the case. */
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

/**
 * Frozen versions of a study's case set (CAS-5). The dataset is frozen while its latest version
 * has no reopenedAt; a change then needs a reopening with a reason (audited) and a new freeze.
 * Database triggers (drizzle/0009) refuse changes to cases, images and truth of a frozen dataset.
 */
export const datasetVersions = sqliteTable(
	'dataset_versions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		version: integer('version').notNull(),
		/** SHA-256 over the canonical cases (strata), image hashes and truth. */
		fingerprint: text('fingerprint').notNull(),
		cases: integer('cases').notNull(),
		images: integer('images').notNull(),
		/** Findings accepted at the freeze (missing tags, lossy images, images not imported), JSON. */
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
