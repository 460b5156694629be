// Electronic signatures (21 CFR 11.50, 11.70): a named person, having re-entered their password,
// signs a record with a meaning. The row keeps the printed name, the role, the meaning, the UTC
// time and the SHA-256 of what was signed (the lock fingerprint, the registered results hash of a
// released key, the dataset fingerprint, the report's content hash). Append-only (drizzle/0013).
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, restrict } from './columns';
import { studies } from './study';
import { users, ROLES } from './people';
import { SIGNATURE_MEANINGS, SIGNED_RECORD_TYPES } from '../../../domain/signature';

export const signatures = sqliteTable(
	'signatures',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, restrict),
		/** The signer's name as printed with the signature, at the time of signing. */
		signerName: text('signer_name').notNull(),
		signerEmail: text('signer_email').notNull(),
		/** The study role the signer acted in. */
		role: text('role', { enum: ROLES }).notNull(),
		meaning: text('meaning', { enum: SIGNATURE_MEANINGS }).notNull(),
		recordType: text('record_type', { enum: SIGNED_RECORD_TYPES }).notNull(),
		recordId: text('record_id').notNull(),
		/** SHA-256 (hex) of the signed record. */
		recordHash: text('record_hash').notNull(),
		signedAt: timestampMs('signed_at').notNull()
	},
	(table) => [index('signatures_study_idx').on(table.studyId)]
);
