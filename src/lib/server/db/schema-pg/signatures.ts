// The PostgreSQL twin of ../schema/signatures.ts (what each table and column means is written there).
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, restrict } from './columns';
import { studies } from './study';
import { users } from './people';
import { ROLES } from '../schema/people';
import { SIGNATURE_MEANINGS, SIGNED_RECORD_TYPES } from '../../../domain/signature';

export const signatures = pgTable(
	'signatures',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, restrict),
		signerName: text('signer_name').notNull(),
		signerEmail: text('signer_email').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		meaning: text('meaning', { enum: SIGNATURE_MEANINGS }).notNull(),
		recordType: text('record_type', { enum: SIGNED_RECORD_TYPES }).notNull(),
		recordId: text('record_id').notNull(),
		recordHash: text('record_hash').notNull(),
		signedAt: timestampMs('signed_at').notNull()
	},
	(table) => [index('signatures_study_idx').on(table.studyId)]
);
