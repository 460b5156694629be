// The classification of each AI failure of a study (seed 001: a crash, timeout or unprocessable
// case is either a defect of the tool's own software — which makes the verification fail — or an
// external cause: hardware, power, network, input data), with the evaluator's root-cause note.
// Every inference job with a failed attempt is an anomaly; its classification is the latest row.
// Refused once the report is signed off: the signature is over a report with these judgements.
// Cases appear under the report's labels (the export's codes while blinded); a case is named by
// its key or that code.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import {
	aiResults,
	anomalyClassifications,
	auditEvents,
	blindExports,
	cases,
	signatures,
	type AnomalyCause
} from '../db/schema';
import type { Principal } from '../access/principal';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import { Conflict, InputError, NotFound } from '../errors';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { codesOf, type CodeKey } from '../export/blind-export.service';
import type { AnomalyClassificationView } from '../../verification-report/report-input';
import type { Anomaly } from '../../domain/anomaly';
import { withTransaction } from '../db/transaction';

export type { Anomaly };

/** Who classifies anomalies and reads the list. */
const CLASSIFIERS = ['evaluator', 'statistician', 'admin'] as const;

export const NOTE_MAX = 2000;

/** The report's label of a case key: the latest export's code while the key is sealed. */
async function caseLabeller(db: DbOrTx, studyId: number, unblinded: boolean) {
	const latest = (
		await db
			.select({ key: blindExports.codeKeyJson })
			.from(blindExports)
			.where(eq(blindExports.studyId, studyId))
			.orderBy(desc(blindExports.id))
			.limit(1)
	)[0];
	const codes = latest ? codesOf(JSON.parse(latest.key) as CodeKey).cases : new Map();
	return (key: string): string => (unblinded ? key : (codes.get(key) ?? key));
}

/** Every inference job of the study with a failed attempt, with its latest classification. */
export async function studyAnomalies(
	db: DbOrTx,
	studyId: number,
	label: (caseKey: string) => string
): Promise<Anomaly[]> {
	const failures = await db
		.select({ action: auditEvents.action, job: auditEvents.entityId, after: auditEvents.afterJson })
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.studyId, studyId),
				inArray(auditEvents.action, ['ai.attempt_failed', 'ai.case_failed'])
			)
		)
		.orderBy(asc(auditEvents.seq));
	const jobs = new Map<number, { attempts: number; final: boolean; error: string }>();
	for (const row of failures) {
		const after = JSON.parse(row.after ?? '{}') as { attempts?: number; error?: string };
		const job = Number(row.job);
		const seen = jobs.get(job);
		jobs.set(job, {
			attempts: Math.max(seen?.attempts ?? 0, after.attempts ?? 1),
			final: (seen?.final ?? false) || row.action === 'ai.case_failed',
			error: after.error ?? 'unknown error'
		});
	}
	if (jobs.size === 0) return [];
	const caseOf = new Map(
		(
			await db
				.select({ job: aiResults.id, key: cases.caseKey })
				.from(aiResults)
				.innerJoin(cases, eq(aiResults.caseId, cases.id))
				.where(inArray(aiResults.id, [...jobs.keys()]))
		).map((row) => [row.job, row.key])
	);
	const latest = new Map<number, Anomaly['classification']>();
	for (const row of await db
		.select()
		.from(anomalyClassifications)
		.where(eq(anomalyClassifications.studyId, studyId))
		.orderBy(asc(anomalyClassifications.id)))
		latest.set(row.aiResultId, {
			cause: row.cause,
			note: row.note,
			by: row.classifiedBy,
			at: row.classifiedAt.toISOString()
		});
	return [...jobs]
		.map(([job, state]) => {
			const caseKey = caseOf.get(job) ?? 'unknown case';
			return {
				job,
				caseKey,
				label: label(caseKey),
				attempts: state.attempts,
				final: state.final,
				lastError: state.error,
				classification: latest.get(job) ?? null
			};
		})
		.sort((a, b) => a.label.localeCompare(b.label) || a.job - b.job);
}

/** The classifications the report shows (one per classified job, latest judgement). */
export function reportAnomalyClassifications(anomalies: Anomaly[]): AnomalyClassificationView[] {
	return anomalies.flatMap((item) =>
		item.classification
			? [
					{
						subject: item.label,
						cause: item.classification.cause,
						note: item.classification.note,
						by: item.classification.by,
						at: item.classification.at
					}
				]
			: []
	);
}

/** The anomalies of a study for someone who classifies them. */
export async function anomalyList(db: Db, principal: Principal, slug: string): Promise<Anomaly[]> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, CLASSIFIERS, {
		action: 'anomaly.list',
		targetType: 'study',
		targetId: study.id
	});
	return await studyAnomalies(
		db,
		study.id,
		await caseLabeller(db, study.id, study.unblindedAt !== null)
	);
}

export interface ClassificationEntry {
	/** The case's key or its code in the latest export. */
	case?: string;
	/** The inference job's id. */
	job?: number;
	cause: AnomalyCause;
	note: string;
}

/** Stores a classification of one anomaly, with its audit row; refused once the report is signed. */
export async function classifyAnomaly(
	db: Db,
	principal: Principal,
	slug: string,
	entry: ClassificationEntry,
	now = new Date()
): Promise<Anomaly> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, CLASSIFIERS, {
		action: 'anomaly.classify',
		targetType: 'study',
		targetId: study.id
	});
	const note = entry.note.trim();
	if (note.length === 0)
		throw new InputError('A classification needs its root-cause note.', 'note');
	if (note.length > NOTE_MAX)
		throw new InputError(`The note has ${note.length} characters; at most ${NOTE_MAX}.`, 'note');
	if ((entry.case === undefined) === (entry.job === undefined))
		throw new InputError(
			'Name the anomaly by its case (--case) or its job (--job), one of them.',
			'case'
		);
	return await withTransaction(db, async (tx) => {
		const signed = (
			await tx
				.select({ id: signatures.id })
				.from(signatures)
				.where(
					and(eq(signatures.studyId, study.id), eq(signatures.recordType, 'verification_report'))
				)
		)[0];
		if (signed)
			throw new Conflict(
				`The report of "${slug}" is signed off: its anomalies' classifications can no longer change.`
			);
		const label = await caseLabeller(tx, study.id, study.unblindedAt !== null);
		const anomalies = await studyAnomalies(tx, study.id, label);
		const matching = anomalies.filter((item) =>
			entry.job !== undefined
				? item.job === entry.job
				: item.caseKey === entry.case || item.label === entry.case
		);
		if (matching.length === 0)
			throw new NotFound(
				entry.job !== undefined
					? `Job ${entry.job} of "${slug}" has no failed attempt.`
					: `Case ${entry.case} has no AI failure in "${slug}" (tandem report anomalies lists them).`
			);
		if (matching.length > 1)
			throw new InputError(
				`Case ${entry.case} has ${matching.length} failed jobs (${matching.map((item) => item.job).join(', ')}): name one with --job.`,
				'case'
			);
		const anomaly = matching[0]!;
		const caseId = (
			await tx
				.select({ caseId: aiResults.caseId })
				.from(aiResults)
				.where(eq(aiResults.id, anomaly.job))
		)[0]!.caseId;
		const by = principalLabel(principal);
		const row = (
			await tx
				.insert(anomalyClassifications)
				.values({
					studyId: study.id,
					aiResultId: anomaly.job,
					caseId,
					cause: entry.cause,
					note,
					classifiedBy: by,
					classifiedAt: now
				})
				.returning()
		)[0]!;
		await recordAudit(
			tx,
			principal,
			{
				action: 'anomaly.classified',
				entityType: 'anomaly_classification',
				entityId: row.id,
				studyId: study.id,
				before: anomaly.classification,
				after: { job: anomaly.job, caseId, cause: entry.cause, note }
			},
			now
		);
		return {
			...anomaly,
			classification: { cause: entry.cause, note, by, at: now.toISOString() }
		};
	});
}
