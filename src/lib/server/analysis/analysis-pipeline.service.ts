// Where a study stands on the way from last read to unblinded analysis (SEC-3): database lock,
// blind exports, the evaluator's committed results, the released key — and what the caller may
// do next. Exports made from the app are kept under the data folder so they can be downloaded.
import { asc, eq } from 'drizzle-orm';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { blindExports, type Role } from '../db/schema';
import type { Db } from '../db/client';
import { activeMemberships, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { NotFound } from '../errors';
import { appExportsDirectory } from '../config';
import { lockOf } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { signaturesOf } from '../signatures/signature.service';
import { datasetFreezeOf } from '../cases/dataset-freeze.service';
import { protocolOf } from '../studies/study-protocol';

const PIPELINE_ROLES: readonly Role[] = ['admin', 'statistician', 'evaluator', 'sponsor'];

/** Exports made from the app: one folder per study and export in the exports folder (TANDEM_EXPORTS). */
export function exportFolder(slug: string, exportId: number): string {
	return join(appExportsDirectory(), slug, String(exportId));
}

async function rolesIn(db: Db, principal: Principal, studyId: number): Promise<Set<Role>> {
	if (principal.kind !== 'user') return new Set(['admin']);
	return new Set(
		(await activeMemberships(db, principal.userId))
			.filter((row) => row.studyId === studyId)
			.map((row) => row.role)
	);
}

export async function analysisPipeline(db: Db, principal: Principal, slug: string) {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, PIPELINE_ROLES);
	const roles = await rolesIn(db, principal, study.id);
	const lock = await lockOf(db, study.id);
	const exports = await db
		.select()
		.from(blindExports)
		.where(eq(blindExports.studyId, study.id))
		.orderBy(asc(blindExports.id));
	const latest = exports.at(-1);
	const analyst = roles.has('admin') || roles.has('statistician') || roles.has('evaluator');
	const unblinded = study.unblindedAt !== null;
	const viewAnalysis =
		lock !== undefined && latest !== undefined && (analyst || (roles.has('sponsor') && unblinded));
	return {
		study: { slug: study.slug, title: study.title, protocolVersion: study.protocolVersion },
		roles: [...roles],
		/** Its truth is made in Tandem: the reference-standard report is there for the analysts. */
		referenceStandardReport: analyst && protocolOf(study).reference_standard !== undefined,
		lock: lock
			? {
					fingerprint: lock.fingerprint,
					reason: lock.reason,
					lockedBy: lock.lockedBy,
					lockedAt: lock.createdAt
				}
			: null,
		unblindedAt: study.unblindedAt,
		/** Whether a frozen case set is in force (the lock warns before it when not). */
		datasetFrozen: (await datasetFreezeOf(db, study.id)) !== null,
		exports: exports.map((row) => ({
			id: row.id,
			createdAt: row.createdAt,
			manifestSha256: row.manifestSha256,
			resultsSha256: row.resultsSha256,
			resultsRegisteredAt: row.resultsRegisteredAt,
			keyReleasedAt: row.keyReleasedAt,
			// Files only for analysts; the sponsor never downloads coded data with truth.
			files: analyst ? exportFiles(slug, row.id) : []
		})),
		can: {
			lock: roles.has('admin') && !lock,
			export: (roles.has('admin') || roles.has('statistician')) && lock !== undefined,
			// Only the study's independent evaluator commits to results (issue 14: not the statistician).
			registerResults:
				roles.has('evaluator') && latest !== undefined && latest.resultsSha256 === null,
			releaseKey:
				roles.has('admin') &&
				latest !== undefined &&
				latest.resultsSha256 !== null &&
				latest.keyReleasedAt === null,
			viewAnalysis,
			// Whoever may read the report may sign it off (a named person: signed in).
			signOffReport: viewAnalysis && principal.kind === 'user',
			// The AI's failures are classified (software defect or external cause) before sign-off.
			classifyAnomalies:
				viewAnalysis && (roles.has('admin') || roles.has('statistician') || roles.has('evaluator'))
		},
		/** The study's electronic signatures (lock, key release, dataset versions, report sign-offs). */
		signatures: await signaturesOf(db, study.id)
	};
}

export type AnalysisPipeline = Awaited<ReturnType<typeof analysisPipeline>>;

function exportFiles(slug: string, exportId: number): string[] {
	const folder = exportFolder(slug, exportId);
	return existsSync(folder) ? listFiles(folder).sort() : [];
}

function listFiles(folder: string, prefix = ''): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? listFiles(join(folder, entry.name), `${prefix}${entry.name}/`)
			: [`${prefix}${entry.name}`]
	);
}

/** Makes a blind export into the app's exports folder (same service as `tandem export blind`). */
export async function createAppExport(
	db: Db,
	principal: Principal,
	slug: string
): Promise<{ exportId: number }> {
	const staging = join(appExportsDirectory(), slug, `.staging-${randomBytes(6).toString('hex')}`);
	try {
		const { exportId } = await exportBlind(db, principal, slug, staging);
		renameSync(staging, exportFolder(slug, exportId));
		return { exportId };
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

/** One file of an app-made export, for a caller allowed to analyse the study. */
export async function exportFile(
	db: Db,
	principal: Principal,
	slug: string,
	exportId: number,
	name: string
): Promise<{ name: string; body: Buffer }> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician', 'evaluator']);
	const row = (
		await db
			.select({ id: blindExports.id, studyId: blindExports.studyId })
			.from(blindExports)
			.where(eq(blindExports.id, exportId))
	)[0];
	if (!row || row.studyId !== study.id) throw new NotFound(`No export ${exportId} of this study.`);
	const files = exportFiles(slug, exportId);
	if (!files.includes(name)) throw new NotFound(`Export ${exportId} has no file '${name}'.`);
	return { name, body: readFileSync(join(exportFolder(slug, exportId), name)) };
}
