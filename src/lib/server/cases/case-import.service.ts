// `tandem cases import`: images from a folder or a PACS, matched to the study's cases,
// de-identified before anything is stored (CAS-2), checked for inclusion (CAS-3), written into
// the cases' image folders. Each image is stored in its own transaction with its audit row, so
// an interrupted import keeps what it finished and a re-run resumes: an image already stored
// (same de-identified SOP Instance UID) is recognised and skipped. A file that cannot be read is
// reported with its path and reason and the import goes on (SEC-4).
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { importedInstanceOfImage } from '../images/image-keys';
import { cases, images, importRuns, importedInstances } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { DicomwebError } from '../dicom/dicomweb/dicomweb-client';
import {
	Pseudonymizer,
	deidKeyPath,
	loadOrCreateDeidKey,
	type DeidKey
} from '../dicom/deidentify/deid-key';
import { assertDatasetOpen } from './dataset-freeze.service';
import { caseIdMatcher, mappingMatcher, type CaseMatcher } from './case-matching';
import { prepareInstance, type StoredRef } from './prepare-instance';
import { progressOf, type ImportOptions, type ImportReport } from './import-report';
import { checkImportTexts, finishRun, startRun, updateRun } from './import-run';
import { storeInstance } from './store-instance';
import { imageStore } from '../images/image-stores';

export type { FileProblem, ImportOptions, ImportProgress, ImportReport } from './import-report';

export async function importCases(
	db: Db,
	principal: Principal,
	slug: string,
	options: ImportOptions
): Promise<ImportReport> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	await assertDatasetOpen(db, study.id, slug, 'importing images');
	checkImportTexts(options);
	const now = options.now ?? (() => new Date());
	const caseRows = await db.select().from(cases).where(eq(cases.studyId, study.id));
	const caseByKey = new Map(caseRows.map((row) => [row.caseKey, row]));
	const caseKeys = caseRows.map((row) => row.caseKey);
	const matcher: CaseMatcher = options.mapping
		? mappingMatcher(options.match, options.mapping.file, options.mapping.text, caseKeys)
		: caseIdMatcher(options.match, caseKeys);
	const key = loadOrCreateDeidKey(options.keyFile ?? deidKeyPath(slug));
	await requireSameKey(db, study.id, slug, key);
	const pseudonymizer = new Pseudonymizer(key);
	const protocolLoaded = await casesWithProtocolImages(
		db,
		caseRows.map((row) => row.id)
	);

	const runId = await startRun(db, principal, study.id, options, matcher, key, now());
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
	const stored = await storedInstances(db, study.id);
	try {
		const items = await options.source.list(matcher, caseKeys);
		report.total = items.length;
		await updateRun(db, runId, { filesFound: items.length });
		for (const item of items) {
			options.signal?.throwIfAborted();
			const step = async () => {
				if (item.sopInstanceUid && stored.has(pseudonymizer.uid(item.sopInstanceUid)))
					return report.alreadyImported++;
				let bytes: Uint8Array;
				try {
					bytes = await item.read();
				} catch (error) {
					report.failedFiles.push({ path: item.label, reason: readFailure(error) });
					return report.failed++;
				}
				const preparation = prepareInstance(
					bytes,
					matcher,
					pseudonymizer,
					(uid) => stored.get(uid),
					{
						allowIdentifyingCaseIds: Boolean(options.allowIdentifyingCaseIds),
						exchangeKey: options.exchangeKey
					}
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
				await storeInstance(db, options.store ?? imageStore(), principal, {
					studyId: study.id,
					slug,
					sourceDir: study.sourceDir,
					runId,
					caseRow,
					instance,
					at: now()
				});
				stored.set(instance.sopInstanceUid, {
					path: item.label,
					sha256: instance.sourceSha256,
					patient: instance.header.patient,
					earlier: false
				});
				touched.add(instance.caseKey);
				report.imported++;
				if (instance.findings.burnedIn.length > 0) report.burnedInFlagged++;
				if (instance.findings.missingTags.length > 0) report.missingTagImages++;
				if (instance.findings.lossy) report.lossyImages++;
				return report.imported;
			};
			await step();
			report.done++;
			await updateRun(db, runId, {
				imported: report.imported,
				alreadyImported: report.alreadyImported,
				skipped: report.skipped,
				failed: report.failed
			});
			options.onProgress?.(progressOf(report), item.label);
		}
	} catch (error) {
		await finishRun(db, principal, study.id, runId, 'interrupted', report, now());
		throw error;
	}
	report.casesTouched = [...touched].sort();
	await finishRun(db, principal, study.id, runId, 'completed', report, now());
	return report;
}

/** Why a file could not be read, in words (not the system's message, which repeats the absolute path). */
function readFailure(error: unknown): string {
	const code = (error as { code?: string } | null)?.code;
	const why: Record<string, string> = {
		ENOENT: 'it was removed while the import ran',
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		EISDIR: 'it is a folder',
		EIO: 'an input/output error of the disk'
	};
	if (code && why[code]) return `could not be read: ${why[code]}`;
	if (error instanceof DicomwebError) return `could not be read: ${error.message}`;
	return 'could not be read';
}

/** The study's stored images by de-identified SOP Instance UID (withdrawn ones too: a re-import would bring them back). */
async function storedInstances(db: Db, studyId: number): Promise<Map<string, StoredRef>> {
	const stored = new Map<string, StoredRef>();
	for (const row of await db
		.select({
			uid: importedInstances.sopInstanceUid,
			path: importedInstances.path,
			sha256: importedInstances.sha256,
			headerJson: importedInstances.headerJson
		})
		.from(importedInstances)
		.where(eq(importedInstances.studyId, studyId))) {
		const header = JSON.parse(row.headerJson) as { patient?: unknown };
		stored.set(row.uid, {
			path: row.path,
			sha256: row.sha256,
			patient: typeof header.patient === 'string' ? header.patient : null,
			earlier: true
		});
	}
	return stored;
}

/** Images de-identified with one key must not be mixed with another: their UIDs and dates would not line up. */
async function requireSameKey(db: Db, studyId: number, slug: string, key: DeidKey): Promise<void> {
	const other = (
		await db
			.select({ keyId: importRuns.deidKeyId })
			.from(importedInstances)
			.innerJoin(importRuns, eq(importedInstances.runId, importRuns.id))
			.where(and(eq(importedInstances.studyId, studyId), ne(importRuns.deidKeyId, key.id)))
			.limit(1)
	)[0];
	if (other) {
		throw new Conflict(
			`Study "${slug}" was imported with de-identification key ${other.keyId}, this is key ${key.id}: UIDs and dates would not match. Use the study's key file.`
		);
	}
}

/** Cases holding images that did not come through the import (loaded from the protocol folder). */
async function casesWithProtocolImages(db: Db, caseIds: number[]): Promise<Set<number>> {
	if (caseIds.length === 0) return new Set();
	const rows = await db
		.select({ caseId: images.caseId })
		.from(images)
		.leftJoin(importedInstances, importedInstanceOfImage())
		.where(and(inArray(images.caseId, caseIds), isNull(importedInstances.id)));
	return new Set(rows.map((row) => row.caseId));
}
