// Studies, their protocol versions, sites, cases and images.
// Reference truth lives in truth.ts, apart from everything a reader's code path reads.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';

export const studies = sqliteTable('studies', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	design: text('design').notNull(),
	/** The protocol's own version label (study.yaml `protocol_version`). */
	protocolVersion: text('protocol_version').notNull(),
	/** SHA-256 over the protocol files (study.yaml, cases.csv, truth.csv). */
	protocolSha256: text('protocol_sha256').notNull(),
	/** The validated protocol as JSON (study.yaml parsed). */
	protocolJson: text('protocol_json').notNull(),
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
	randomizationSeed: text('randomization_seed').notNull(),
	sourceDir: text('source_dir').notNull(),
	/** When the arm key was released to the sponsor: before it, no efficacy figure reaches them (SEC-1). */
	unblindedAt: timestampMs('unblinded_at'),
	createdAt: createdAt(),
	updatedAt: timestampMs('updated_at').notNull()
});

/** Every protocol loaded for a study, in order: the first load and each amendment. */
export const protocolVersions = sqliteTable(
	'protocol_versions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		revision: integer('revision').notNull(),
		protocolVersion: text('protocol_version').notNull(),
		sha256: text('sha256').notNull(),
		/** Per-file SHA-256, e.g. {"study.yaml": "…", "cases.csv": "…"}. */
		filesJson: text('files_json').notNull(),
		protocolJson: text('protocol_json').notNull(),
		reason: text('reason'),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('protocol_versions_study_revision_uq').on(table.studyId, table.revision)]
);

export const sites = sqliteTable(
	'sites',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		code: text('code').notNull(),
		name: text('name').notNull(),
		expectedReaders: integer('expected_readers').notNull().default(0)
	},
	(table) => [uniqueIndex('sites_study_code_uq').on(table.studyId, table.code)]
);

export const cases = sqliteTable(
	'cases',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		/** The protocol's case id (cases.csv `case_id`). Never shown to readers in URLs. */
		caseKey: text('case_key').notNull(),
		/** Order of the case in cases.csv. */
		ordinal: integer('ordinal').notNull(),
		siteId: integer('site_id').references(() => sites.id, restrict),
		/** Strata columns declared in the protocol, as a JSON object of strings. */
		strataJson: text('strata_json').notNull(),
		imageFolder: text('image_folder').notNull()
	},
	(table) => [
		uniqueIndex('cases_study_key_uq').on(table.studyId, table.caseKey),
		index('cases_study_idx').on(table.studyId)
	]
);

export const images = sqliteTable(
	'images',
	{
		id: id(),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		/** 1-based order within the case (file name order). */
		ordinal: integer('ordinal').notNull(),
		/** Path relative to the study folder. */
		path: text('path').notNull(),
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		/** Frames in the file (NumberOfFrames; 1 for a single-frame image): one slice each. */
		frames: integer('frames').notNull().default(1),
		/**
		 * What hanging protocols look at (dicom/hanging-tags.ts), from the header; null when absent
		 * (or an image stored before they were kept). Never served to a reader.
		 */
		modality: text('modality'),
		laterality: text('laterality'),
		viewPosition: text('view_position'),
		seriesDescription: text('series_description'),
		seriesNumber: integer('series_number'),
		patientOrientation: text('patient_orientation'),
		studyInstanceUid: text('study_instance_uid'),
		/** StudyDate + StudyTime as "YYYYMMDDHHMMSS.FFFFFF", to tell the current study from priors. */
		studyDateTime: text('study_date_time'),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('images_case_ordinal_uq').on(table.caseId, table.ordinal)]
);
