// The import run's row and audit rows: started (marking a run cut off before as interrupted),
// its counts after each file, and its end, completed or interrupted.
import { and, eq } from 'drizzle-orm';
import { importRuns } from '../db/schema';
import type { Db } from '../db/client';
import { principalLabel, recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import type { DeidKey } from '../dicom/deidentify/deid-key';
import type { CaseMatcher } from './case-matching';
import type { ImportOptions, ImportReport } from './import-report';

export function startRun(
	db: Db,
	principal: Principal,
	studyId: number,
	options: ImportOptions,
	matcher: CaseMatcher,
	key: DeidKey,
	at: Date
): number {
	return db.transaction(
		(tx) => {
			// A run still marked running was cut off (crash, Ctrl-C): say so before the new one starts.
			tx.update(importRuns)
				.set({ status: 'interrupted' })
				.where(and(eq(importRuns.studyId, studyId), eq(importRuns.status, 'running')))
				.run();
			const values = {
				studyId,
				sourceKind: options.source.kind,
				source: options.source.description,
				matchKey: options.match,
				mappingSha256: matcher.mappingSha256,
				deidKeyId: key.id,
				status: 'running' as const,
				startedBy: principalLabel(principal),
				startedAt: at
			};
			const runId = tx.insert(importRuns).values(values).returning({ id: importRuns.id }).get().id;
			recordAudit(
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
						deidKeyId: key.id
					}
				},
				at
			);
			return runId;
		},
		{ behavior: 'immediate' }
	);
}

export function updateRun(
	db: Db,
	runId: number,
	counts: Partial<typeof importRuns.$inferInsert>
): void {
	db.update(importRuns).set(counts).where(eq(importRuns.id, runId)).run();
}

export function finishRun(
	db: Db,
	principal: Principal,
	studyId: number,
	runId: number,
	status: 'completed' | 'interrupted',
	report: ImportReport,
	at: Date
): void {
	db.transaction(
		(tx) => {
			const counts = {
				filesFound: report.total,
				imported: report.imported,
				alreadyImported: report.alreadyImported,
				skipped: report.skipped,
				failed: report.failed
			};
			tx.update(importRuns)
				.set({ ...counts, status, finishedAt: at })
				.where(eq(importRuns.id, runId))
				.run();
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}
