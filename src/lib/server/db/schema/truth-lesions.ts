// The truth lesions of each case (the protocol's truth.lesions file), kept beside the reference
// truth and as closely held: only analysis services read them. No reader-facing service imports
// this module.
import { sqliteTable, text, integer, real, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt, restrict } from './columns';
import { cases } from './study';

export const truthLesions = sqliteTable(
	'truth_lesions',
	{
		id: id(),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		/** The lesion's id in the protocol's file (lesion_id), unique within its case. */
		lesionKey: text('lesion_key').notNull(),
		/** Order of the lesion within its case, as first listed in the file. */
		ordinal: integer('ordinal').notNull(),
		/** Its weight within the case (given or an equal share); a case's weights sum to 1. */
		weight: real('weight').notNull(),
		/** Whether the file gave the weight (else an equal share). */
		weightGiven: integer('weight_given', { mode: 'boolean' }).notNull(),
		/** The attribute columns (type, size_mm…), JSON object of strings. */
		attributesJson: text('attributes_json').notNull(),
		/** Where it lies: JSON array of regions (images, frame, point / box / contour). */
		regionsJson: text('regions_json').notNull(),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('truth_lesions_case_lesion_uq').on(table.caseId, table.lesionKey)]
);
