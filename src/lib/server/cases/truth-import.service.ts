// Reference truth from a CSV (CAS-4: pathology, surgery or follow-up): `case_id`, `truth` (1
// diseased, 0 not) and any further columns kept as details. Checked against the study's cases —
// every case once, both classes present; where the truth is made in Tandem (reference_standard),
// any of the cases, each then taking precedence over the annotators' — and every problem is named
// by line and field. All or
// nothing, audited; refused on a frozen dataset. The audit row carries counts and the file's
// hash, not the truth itself (reference truth lives in its own table, SEC-1).
import { eq } from 'drizzle-orm';
import { cases, referenceTruth } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { InputError } from '../errors';
import { sha256Hex } from '../crypto/hash';
import { checkTruthRows } from '../../design/protocol/case-table';
import { protocolOf } from '../studies/study-protocol';
import { csvInputError, readCsvTable } from './csv-table';
import { assertDatasetOpen } from './dataset-freeze.service';
import { deleteCaseLesions } from './truth-lesions';
import { withTransaction } from '../db/transaction';

export interface TruthImportInput {
	/** The file's name, for messages. */
	file: string;
	text: string;
	/** Where the truth comes from, e.g. "pathology" or "12-month follow-up". */
	source: string;
}

export interface TruthImportResult {
	cases: number;
	positives: number;
	/** Cases whose truth or details differ from what was stored. */
	changed: number;
	sha256: string;
}

export async function importTruth(
	db: Db,
	principal: Principal,
	slug: string,
	input: TruthImportInput,
	now = new Date()
): Promise<TruthImportResult> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const source = input.source.trim();
	if (!source)
		throw new InputError('source: say where the truth comes from (e.g. "pathology")', 'source');
	const caseRows = await db
		.select({ id: cases.id, caseKey: cases.caseKey })
		.from(cases)
		.where(eq(cases.studyId, study.id))
		// The order the cases missing from a file are named in (SQLite's index order).
		.orderBy(cases.caseKey);
	const rows = readCsvTable(input.file, input.text, ['case_id', 'truth']);
	// With a reference standard the truth is made in Tandem: a file brings some cases' truth.
	const everyCase = protocolOf(study).reference_standard === undefined;
	const checked = checkTruthRows(new Set(caseRows.map((row) => row.caseKey)), rows, {
		everyCase
	});
	if (checked.problems.length > 0)
		throw csvInputError(
			'truth file',
			checked.problems.map((problem) => ({ file: input.file, ...problem }))
		);
	const caseIds = new Map(caseRows.map((row) => [row.caseKey, row.id]));
	const sha256 = sha256Hex(input.text);
	return await withTransaction(db, async (tx) => {
		await assertDatasetOpen(tx, study.id, slug, 'changing the reference truth');
		let changed = 0;
		for (const record of checked.records) {
			const caseId = caseIds.get(record.caseKey)!;
			const values = {
				truth: record.truth,
				detailsJson: JSON.stringify(record.details),
				source,
				origin: 'imported' as const
			};
			const before = (
				await tx.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId))
			)[0];
			if (!before || before.truth !== values.truth || before.detailsJson !== values.detailsJson)
				changed++;
			await tx
				.insert(referenceTruth)
				.values({ caseId, ...values, createdAt: now })
				.onConflictDoUpdate({ target: referenceTruth.caseId, set: values });
			// Lesions the reference standard outlined cannot stand on a case imported as non-diseased.
			if (before && before.origin !== 'imported' && record.truth === 0)
				await deleteCaseLesions(tx, caseId);
		}
		const positives = checked.records.filter((record) => record.truth === 1).length;
		const result = { cases: checked.records.length, positives, changed, sha256 };
		await recordAudit(
			tx,
			principal,
			{
				action: 'truth.imported',
				entityType: 'study',
				entityId: study.id,
				studyId: study.id,
				after: { file: input.file, ...result, source }
			},
			now
		);
		return result;
	});
}
