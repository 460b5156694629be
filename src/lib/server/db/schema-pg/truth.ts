// The PostgreSQL twin of ../schema/truth.ts (what each table and column means is written there).
import { pgTable, text, integer } from 'drizzle-orm/pg-core';
import { id, createdAt, restrict } from './columns';
import { cases } from './study';

export const referenceTruth = pgTable('reference_truth', {
	id: id(),
	caseId: integer('case_id')
		.notNull()
		.unique()
		.references(() => cases.id, restrict),
	truth: integer('truth').notNull(),
	detailsJson: text('details_json').notNull(),
	source: text('source').notNull(),
	origin: text('origin', { enum: ['imported', 'consensus', 'adjudication'] })
		.notNull()
		.default('imported'),
	createdAt: createdAt()
});
