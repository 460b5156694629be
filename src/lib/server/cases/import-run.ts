// The import run's row and audit rows: started (marking a run cut off before as interrupted),
// its counts after each file, and its end, completed or interrupted.
import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { importRuns } from '../db/schema';
import type { Db } from '../db/client';
import { principalLabel, recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import { InputError } from '../errors';
import type { DeidKey } from '../dicom/deidentify/deid-key';
import type { CaseMatcher } from './case-matching';
import type { ImportOptions, ImportReport } from './import-report';
import { withTransaction } from '../db/transaction';

export async function startRun(
	db: Db,
	principal: Principal,
	studyId: number,
	options: ImportOptions,
	matcher: CaseMatcher,
	key: DeidKey,
	at: Date
): Promise<number> {
	return await withTransaction(db, async (tx) => {
		// A run still marked running was cut off (crash, Ctrl-C): say so before the new one starts.
		await tx
			.update(importRuns)
			.set({ status: 'interrupted' })
			.where(and(eq(importRuns.studyId, studyId), eq(importRuns.status, 'running')));
		const values = {
			studyId,
			sourceKind: options.source.kind,
			source: sourceRecord(options, key),
			matchKey: options.match,
			mappingSha256: matcher.mappingSha256,
			deidKeyId: key.id,
			status: 'running' as const,
			startedBy: principalLabel(principal),
			startedAt: at
		};
		const runId = (await tx.insert(importRuns).values(values).returning({ id: importRuns.id }))[0]!
			.id;
		await recordAudit(
			tx,
			principal,
			{
				action: 'cases.import_started',
				entityType: 'import_run',
				entityId: runId,
				studyId,
				after: {
					source: values.source,
					kind: values.sourceKind,
					match: values.matchKey,
					mappingSha256: values.mappingSha256,
					deidKeyId: key.id,
					exchangeKeyId: options.exchangeKey?.id ?? null,
					...(options.allowIdentifyingCaseIds ? { identifyingCaseIdsAllowed: true } : {})
				},
				reason: options.allowIdentifyingCaseIds
			},
			at
		);
		return runId;
	});
}

const MAX_LABEL = 200;

/** Refuses a source label or override reason that is empty, too long or holds control characters. */
export function checkImportTexts(options: ImportOptions): void {
	const texts: Array<[field: string, value: string | undefined]> = [
		['source label', options.sourceLabel],
		['allow-identifying-case-ids reason', options.allowIdentifyingCaseIds]
	];
	for (const [field, value] of texts) {
		if (value === undefined) continue;
		if (value.trim() === '') throw new InputError(`${field}: must not be empty`, field);
		if (value.length > MAX_LABEL)
			throw new InputError(`${field}: at most ${MAX_LABEL} characters`, field);
		// eslint-disable-next-line no-control-regex
		if (/[\u0000-\u001f\u007f]/.test(value))
			throw new InputError(`${field}: no line breaks or control characters`, field);
	}
}

/**
 * The source as recorded: the operator's label, the DICOMweb base URL (without credentials), or
 * for a folder a keyed hash of its path — the same folder gives the same value under one key, and
 * the path (which may name a patient) is never stored.
 */
function sourceRecord(options: ImportOptions, key: DeidKey): string {
	if (options.sourceLabel) return options.sourceLabel.trim();
	const { source } = options;
	if (source.kind !== 'folder') return source.description;
	const digest = createHmac('sha256', key.secret).update(`source\0${source.description}`);
	return `path hash ${digest.digest('hex').slice(0, 16)}`;
}

export async function updateRun(
	db: Db,
	runId: number,
	counts: Partial<typeof importRuns.$inferInsert>
): Promise<void> {
	await db.update(importRuns).set(counts).where(eq(importRuns.id, runId));
}

export async function finishRun(
	db: Db,
	principal: Principal,
	studyId: number,
	runId: number,
	status: 'completed' | 'interrupted',
	report: ImportReport,
	at: Date
): Promise<void> {
	await withTransaction(db, async (tx) => {
		const counts = {
			filesFound: report.total,
			imported: report.imported,
			alreadyImported: report.alreadyImported,
			skipped: report.skipped,
			failed: report.failed
		};
		await tx
			.update(importRuns)
			.set({ ...counts, status, finishedAt: at })
			.where(eq(importRuns.id, runId));
		await recordAudit(
			tx,
			principal,
			{
				action: `cases.import_${status}`,
				entityType: 'import_run',
				entityId: runId,
				studyId,
				after: {
					...counts,
					cases: report.casesTouched.length,
					burnedInFlagged: report.burnedInFlagged
				}
			},
			at
		);
	});
}
