// The PostgreSQL twin of ../schema/truth-lesions.ts (what each table and column means is written there).
import { pgTable, boolean, text, integer, doublePrecision, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, createdAt, restrict } from './columns';
import { cases } from './study';

export const truthLesions = pgTable(
	'truth_lesions',
	{
		id: id(),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		lesionKey: text('lesion_key').notNull(),
		ordinal: integer('ordinal').notNull(),
		weight: doublePrecision('weight').notNull(),
		weightGiven: boolean('weight_given').notNull(),
		attributesJson: text('attributes_json').notNull(),
		regionsJson: text('regions_json').notNull(),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('truth_lesions_case_lesion_uq').on(table.caseId, table.lesionKey)]
);
