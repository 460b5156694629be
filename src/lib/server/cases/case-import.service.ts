// `tandem cases import`: images from a folder or a PACS, matched to the study's cases,
// de-identified before anything is stored (CAS-2), checked for inclusion (CAS-3), written into
// the cases' image folders. Each image is stored in its own transaction with its audit row, so
// an interrupted import keeps what it finished and a re-run resumes: an image already stored
// (same de-identified SOP Instance UID) is recognised and skipped. A file that cannot be read is
// reported with its path and reason and the import goes on (SEC-4).
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { burnedInReviews, cases, images, importRuns, importedInstances } from '../db/schema';
import type { Db } from '../db/client';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import {
	Pseudonymizer,
	deidKeyPath,
	loadOrCreateDeidKey,
	type DeidKey
} from '../dicom/deidentify/deid-key';
import { assertDatasetOpen } from './dataset-freeze.service';
import { caseIdMatcher, mappingMatcher, type CaseMatcher, type MatchKey } from './case-matching';
import { rebuildCaseImages } from './case-images';
import { prepareInstance, type PreparedInstance } from './prepare-instance';
import type { ImportSource } from './import-sources';

export interface FileProblem {
	path: string;
	reason: string;
}

export interface ImportProgress {
	done: number;
	total: number;
	imported: number;
	alreadyImported: number;
	skipped: number;
	failed: number;
}

export interface ImportOptions {
	source: ImportSource;
	match: MatchKey;
	/** A mapping CSV (file name for messages, and its text); without it the case id is the key value. */
	mapping?: { file: string; text: string };
	/** The de-identification key file (default: beside the database, one per study). */
	keyFile?: string;
	onProgress?: (progress: ImportProgress, current: string) => void;
	/** Stops the import between two files; what was stored stays, a re-run resumes. */
	signal?: AbortSignal;
	now?: () => Date;
}

export interface ImportReport extends ImportProgress {
	runId: number;
	/** Files read but not imported: no matching case, or a case whose images were loaded with the protocol. */
	skippedFiles: FileProblem[];
	/** Files that could not be read: not DICOM, truncated, corrupt, or not an image. */
	failedFiles: FileProblem[];
	casesTouched: string[];
	burnedInFlagged: number;
	missingTagImages: number;
	lossyImages: number;
}

export async function importCases(
	db: Db,
	principal: Principal,
	slug: string,
	options: ImportOptions
): Promise<ImportReport> {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['admin']);
	assertDatasetOpen(db, study.id, slug, 'importing images');
	const now = options.now ?? (() => new Date());
	const caseRows = db.select().from(cases).where(eq(cases.studyId, study.id)).all();
	const caseByKey = new Map(caseRows.map((row) => [row.caseKey, row]));
	const caseKeys = caseRows.map((row) => row.caseKey);
	const matcher: CaseMatcher = options.mapping
		? mappingMatcher(options.match, options.mapping.file, options.mapping.text, caseKeys)
		: caseIdMatcher(options.match, caseKeys);
	const key = loadOrCreateDeidKey(options.keyFile ?? deidKeyPath(slug));
	requireSameKey(db, study.id, slug, key);
	const pseudonymizer = new Pseudonymizer(key);
	const protocolLoaded = casesWithProtocolImages(
		db,
		caseRows.map((row) => row.id)
	);

	const runId = startRun(db, principal, study.id, options, matcher, key, now());
	const report: ImportReport = {
		runId,
		done: 0,
		total: 0,
		imported: 0,
		alreadyImported: 0,
		skipped: 0,
		failed: 0,
		skippedFiles: [],
		failedFiles: [],
		casesTouched: [],
		burnedInFlagged: 0,
		missingTagImages: 0,
		lossyImages: 0
	};
	const touched = new Set<string>();
	const stored = new Set(
		db
			.select({ uid: importedInstances.sopInstanceUid })
			.from(importedInstances)
			.where(eq(importedInstances.studyId, study.id))
			.all()
			.map((row) => row.uid)
	);
	try {
		const items = await options.source.list(matcher, caseKeys);
		report.total = items.length;
		updateRun(db, runId, { filesFound: items.length });
		for (const item of items) {
			options.signal?.throwIfAborted();
			const step = async () => {
				if (item.sopInstanceUid && stored.has(pseudonymizer.uid(item.sopInstanceUid)))
					return report.alreadyImported++;
				let bytes: Uint8Array;
				try {
					bytes = await item.read();
				} catch (error) {
					report.failedFiles.push({
						path: item.label,
						reason: `could not be read: ${(error as Error).message}`
					});
					return report.failed++;
				}
				const preparation = prepareInstance(bytes, matcher, pseudonymizer, (uid) =>
					stored.has(uid)
				);
				if (preparation.kind === 'already-imported') return report.alreadyImported++;
				if (preparation.kind === 'failed') {
					report.failedFiles.push({ path: item.label, reason: preparation.reason });
					return report.failed++;
				}
				if (preparation.kind === 'skipped') {
					report.skippedFiles.push({ path: item.label, reason: preparation.reason });
					return report.skipped++;
				}
				const { instance } = preparation;
				const caseRow = caseByKey.get(instance.caseKey)!;
				if (protocolLoaded.has(caseRow.id)) {
					report.skippedFiles.push({
						path: item.label,
						reason: `case ${instance.caseKey} has images loaded with the protocol; imported images would mix with them`
					});
					return report.skipped++;
				}
				storeInstance(db, principal, {
					studyId: study.id,
					slug,
					sourceDir: study.sourceDir,
					runId,
					caseRow,
					instance,
					at: now()
				});
				stored.add(instance.sopInstanceUid);
				touched.add(instance.caseKey);
				report.imported++;
				if (instance.findings.burnedIn.length > 0) report.burnedInFlagged++;
				if (instance.findings.missingTags.length > 0) report.missingTagImages++;
				if (instance.findings.lossy) report.lossyImages++;
				return report.imported;
			};
			await step();
			report.done++;
			updateRun(db, runId, {
				imported: report.imported,
				alreadyImported: report.alreadyImported,
				skipped: report.skipped,
				failed: report.failed
			});
			options.onProgress?.(progressOf(report), item.label);
		}
	} catch (error) {
		finishRun(db, principal, study.id, runId, 'interrupted', report, now());
		throw error;
	}
	report.casesTouched = [...touched].sort();
	finishRun(db, principal, study.id, runId, 'completed', report, now());
	return report;
}

function progressOf(report: ImportReport): ImportProgress {
	const { done, total, imported, alreadyImported, skipped, failed } = report;
	return { done, total, imported, alreadyImported, skipped, failed };
}

/** Images de-identified with one key must not be mixed with another: their UIDs and dates would not line up. */
function requireSameKey(db: Db, studyId: number, slug: string, key: DeidKey): void {
	const other = db
		.select({ keyId: importRuns.deidKeyId })
		.from(importedInstances)
		.innerJoin(importRuns, eq(importedInstances.runId, importRuns.id))
		.where(and(eq(importedInstances.studyId, studyId), ne(importRuns.deidKeyId, key.id)))
		.limit(1)
		.get();
	if (other) {
		throw new Conflict(
			`Study "${slug}" was imported with de-identification key ${other.keyId}, this is key ${key.id}: UIDs and dates would not match. Use the study's key file.`
		);
	}
}

/** Cases holding images that did not come through the import (loaded from the protocol folder). */
function casesWithProtocolImages(db: Db, caseIds: number[]): Set<number> {
	if (caseIds.length === 0) return new Set();
	const rows = db
		.select({ caseId: images.caseId })
		.from(images)
		.leftJoin(
			importedInstances,
			and(
				eq(importedInstances.caseId, images.caseId),
				eq(importedInstances.path, images.path),
				isNull(importedInstances.withdrawnAt)
			)
		)
		.where(and(inArray(images.caseId, caseIds), isNull(importedInstances.id)))
		.all();
	return new Set(rows.map((row) => row.caseId));
}

function startRun(
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

function updateRun(db: Db, runId: number, counts: Partial<typeof importRuns.$inferInsert>): void {
	db.update(importRuns).set(counts).where(eq(importRuns.id, runId)).run();
}

function finishRun(
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

interface StoreInput {
	studyId: number;
	slug: string;
	sourceDir: string;
	runId: number;
	caseRow: typeof cases.$inferSelect;
	instance: PreparedInstance;
	at: Date;
}

/** Writes the file (temporary name, then rename) and records it with its log, review flag and audit row. */
function storeInstance(db: Db, principal: Principal, input: StoreInput): void {
	const { instance, caseRow } = input;
	const path = `${caseRow.imageFolder}/${instance.fileName}`;
	const absolute = join(input.sourceDir, path);
	mkdirSync(dirname(absolute), { recursive: true });
	const temporary = `${absolute}.part`;
	writeFileSync(temporary, instance.bytes);
	renameSync(temporary, absolute);
	db.transaction(
		(tx) => {
			assertDatasetOpen(tx, input.studyId, input.slug, 'importing images');
			const instanceId = tx
				.insert(importedInstances)
				.values({
					studyId: input.studyId,
					caseId: caseRow.id,
					runId: input.runId,
					sopInstanceUid: instance.sopInstanceUid,
					studyInstanceUid: instance.studyInstanceUid,
					seriesInstanceUid: instance.seriesInstanceUid,
					sopClassUid: instance.sopClassUid,
					modality: instance.modality,
					seriesNumber: instance.seriesNumber,
					instanceNumber: instance.instanceNumber,
					path,
					sha256: instance.sha256,
					sizeBytes: instance.bytes.length,
					transferSyntaxUid: instance.transferSyntaxUid,
					lossy: instance.findings.lossy,
					missingTagsJson: JSON.stringify(instance.findings.missingTags),
					headerJson: JSON.stringify(instance.header),
					deidLogJson: JSON.stringify(instance.changes),
					createdAt: input.at
				})
				.returning({ id: importedInstances.id })
				.get().id;
			if (instance.findings.burnedIn.length > 0) {
				tx.insert(burnedInReviews)
					.values({
						studyId: input.studyId,
						caseId: caseRow.id,
						instanceId,
						reasonsJson: JSON.stringify(instance.findings.burnedIn),
						status: 'pending',
						createdAt: input.at
					})
					.run();
			}
			rebuildCaseImages(tx, caseRow.id);
			recordAudit(
				tx,
				principal,
				{
					action: 'case.image_imported',
					entityType: 'imported_instance',
					entityId: instanceId,
					studyId: input.studyId,
					after: {
						case: caseRow.caseKey,
						path,
						sha256: instance.sha256,
						sopInstanceUid: instance.sopInstanceUid,
						changedTags: instance.changes.length,
						burnedIn: instance.findings.burnedIn.length > 0
					}
				},
				input.at
			);
		},
		{ behavior: 'immediate' }
	);
}
