// The PostgreSQL twin of ../schema/study.ts (what each table and column means is written there).
import { pgTable, bigint, boolean, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';

export const studies = pgTable('studies', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	design: text('design').notNull(),
	protocolVersion: text('protocol_version').notNull(),
	protocolSha256: text('protocol_sha256').notNull(),
	protocolJson: text('protocol_json').notNull(),
	isDemo: boolean('is_demo').notNull().default(false),
	randomizationSeed: text('randomization_seed').notNull(),
	sourceDir: text('source_dir').notNull(),
	unblindedAt: timestampMs('unblinded_at'),
	createdAt: createdAt(),
	updatedAt: timestampMs('updated_at').notNull()
});

export const protocolVersions = pgTable(
	'protocol_versions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		revision: integer('revision').notNull(),
		protocolVersion: text('protocol_version').notNull(),
		sha256: text('sha256').notNull(),
		filesJson: text('files_json').notNull(),
		protocolJson: text('protocol_json').notNull(),
		reason: text('reason'),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('protocol_versions_study_revision_uq').on(table.studyId, table.revision)]
);

export const sites = pgTable(
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

export const cases = pgTable(
	'cases',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseKey: text('case_key').notNull(),
		ordinal: integer('ordinal').notNull(),
		siteId: integer('site_id').references(() => sites.id, restrict),
		strataJson: text('strata_json').notNull(),
		imageFolder: text('image_folder').notNull()
	},
	(table) => [
		uniqueIndex('cases_study_key_uq').on(table.studyId, table.caseKey),
		index('cases_study_idx').on(table.studyId)
	]
);

export const images = pgTable(
	'images',
	{
		id: id(),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		ordinal: integer('ordinal').notNull(),
		path: text('path').notNull(),
		sha256: text('sha256').notNull(),
		/** bigint: a file past 2 GiB does not fit PostgreSQL's integer (SQLite's is 64-bit). */
		sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
		frames: integer('frames').notNull().default(1),
		modality: text('modality'),
		laterality: text('laterality'),
		viewPosition: text('view_position'),
		seriesDescription: text('series_description'),
		seriesNumber: integer('series_number'),
		patientOrientation: text('patient_orientation'),
		studyInstanceUid: text('study_instance_uid'),
		studyDateTime: text('study_date_time'),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('images_case_ordinal_uq').on(table.caseId, table.ordinal)]
);
