// `tandem archive`: the sealed package of a locked study for retention — every protocol revision,
// the frozen dataset, the reads, the AI's outputs, the lock and its verification, the electronic
// signatures, the audit events with the chain's signed checkpoints (archive-records.ts), the
// verification report as `tandem report` writes it, and the study's latest blind export as the
// evaluator received it — under ONE index (manifest.json: every file with its SHA-256 and size,
// the study, the lock fingerprint, when, by which tool version) signed with the server's Ed25519
// key like an export's manifest. Written into a temporary folder beside the target and renamed
// into place, so no half-written archive is ever left; its creation is audited.
import { desc, eq } from 'drizzle-orm';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	rmdirSync,
	writeFileSync
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blindExports } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { recordAudit } from '../audit/audit.service';
import { sha256Hex } from '../crypto/hash';
import { lockOf, verifyLock } from '../export/lock.service';
import { verifyExport } from '../export/verify-export';
import { filesUnder, signManifest } from '../export/signed-manifest';
import { writeReport } from '../verification-report/report.service';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../verification-report/report-language';
import { studyRecordFiles } from './archive-records';
import { ARCHIVE_README } from './archive-readme';
import { ARCHIVE_FORMAT } from './archive-format';
import { withTransaction } from '../db/transaction';

export const EXPORT_FOLDER = 'blind-export';
export const REPORT_FOLDER = 'report';
/** Where each language's report goes: English in report/, Chinese in report-zh/. */
export const REPORT_FOLDERS: Record<ReportLanguage, string> = {
	en: REPORT_FOLDER,
	zh: 'report-zh'
};

export interface ArchiveOptions {
	/** The folder of the study's latest blind export (checked, then copied in). */
	exportDir: string;
	/** Called before each long step, with what it does. */
	progress?: (step: string) => void;
	now?: Date;
}

export interface WrittenArchive {
	files: number;
	bytes: number;
	indexSha256: string;
	/** Why report.pdf is not in the archive, when it could not be printed. */
	pdfUnavailable?: string;
}

export async function createArchive(
	db: Db,
	principal: Principal,
	slug: string,
	outDir: string,
	options: ArchiveOptions
): Promise<WrittenArchive> {
	const now = options.now ?? new Date();
	const progress = options.progress ?? (() => {});
	const study = await requireStudyBySlug(db, slug);
	// The roles that may make the blind export: the archive holds the records with their real ids.
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician'], {
		action: 'archive.create'
	});
	if (!(await lockOf(db, study.id)))
		throw new Conflict(`${slug} is not locked: only a locked study is archived.`);
	const target = resolve(outDir);
	if (existsSync(target) && readdirSync(target).length > 0)
		throw new Conflict(`${outDir} is not empty: archive into a new folder.`);

	progress('verifying the lock fingerprint');
	const lock = await verifyLock(db, principal, slug);
	if (!lock.ok)
		throw new Conflict(
			`${slug}: the lock does not verify, so it cannot be archived as sealed — ${lock.changes.join('; ')}`
		);
	progress(`checking the blind export in ${options.exportDir}`);
	await checkLatestExport(db, study.id, slug, options.exportDir);

	mkdirSync(dirname(target), { recursive: true });
	const partial = mkdtempSync(join(dirname(target), `.${basename(target)}.partial-`));
	try {
		progress('writing the study records (protocol, dataset, reads, AI outputs, audit, signatures)');
		const records = await studyRecordFiles(db, study, lock);
		for (const [name, text] of Object.entries({ 'README.md': ARCHIVE_README, ...records })) {
			mkdirSync(dirname(join(partial, name)), { recursive: true });
			writeFileSync(join(partial, name), text, { flag: 'wx' });
		}
		cpSync(options.exportDir, join(partial, EXPORT_FOLDER), { recursive: true });
		// The report in English and in the regulator's language, both from the same data.
		const reports = [];
		for (const lang of REPORT_LANGUAGES) {
			const folder = REPORT_FOLDERS[lang];
			progress(
				`writing the verification report in ${folder}/ (report.html, report.pdf, analysis.json)`
			);
			reports.push(await writeReport(db, principal, slug, join(partial, folder), now, lang));
		}
		const report = { pdfUnavailable: reports.find((one) => one.pdfUnavailable)?.pdfUnavailable };

		progress('hashing and signing the index');
		const files = Object.fromEntries(
			filesUnder(partial)
				.sort()
				.map((name) => {
					const data = readFileSync(join(partial, name));
					return [name, { sha256: sha256Hex(data), bytes: data.length }];
				})
		);
		const signed = signManifest({
			format: ARCHIVE_FORMAT,
			study: study.slug,
			title: study.title,
			protocolSha256: study.protocolSha256,
			lockFingerprint: lock.fingerprint,
			fingerprintVersion: lock.version,
			createdAt: now.toISOString(),
			tool: { name: 'tandem', version: toolVersion() },
			report: {
				languages: [...REPORT_LANGUAGES],
				...(report.pdfUnavailable ? { pdf: false, why: report.pdfUnavailable } : { pdf: true })
			},
			files
		});
		for (const [name, text] of Object.entries(signed.files))
			writeFileSync(join(partial, name), text, { flag: 'wx' });
		if (existsSync(target)) rmdirSync(target); // empty, checked above
		renameSync(partial, target);
		const written: WrittenArchive = {
			files: Object.keys(files).length,
			bytes: Object.values(files).reduce((sum, file) => sum + file.bytes, 0),
			indexSha256: signed.sha256,
			...(report.pdfUnavailable && { pdfUnavailable: report.pdfUnavailable })
		};
		await withTransaction(
			db,
			async (tx) =>
				await recordAudit(
					tx,
					principal,
					{
						action: 'archive.created',
						entityType: 'study',
						entityId: study.id,
						studyId: study.id,
						after: {
							indexSha256: signed.sha256,
							files: written.files,
							bytes: written.bytes,
							lockFingerprint: lock.fingerprint,
							pdf: !report.pdfUnavailable
						}
					},
					now
				)
		);
		return written;
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		throw error;
	}
}

/** The folder is the study's latest blind export, intact: its manifest is the one Tandem recorded. */
async function checkLatestExport(
	db: Db,
	studyId: number,
	slug: string,
	dir: string
): Promise<void> {
	const latest = (
		await db
			.select({ id: blindExports.id, manifestSha256: blindExports.manifestSha256 })
			.from(blindExports)
			.where(eq(blindExports.studyId, studyId))
			.orderBy(desc(blindExports.id))
			.limit(1)
	)[0];
	if (!latest)
		throw new Conflict(`${slug} has no blind export yet: make one first (tandem export blind).`);
	const verdict = verifyExport(dir);
	if (!verdict.ok)
		throw new Conflict(
			`the blind export in ${dir} is not intact: ${verdict.file}: ${verdict.problem}`
		);
	const manifestSha256 = sha256Hex(readFileSync(join(dir, 'manifest.json')));
	if (manifestSha256 !== latest.manifestSha256)
		throw new Conflict(
			`${dir} is not ${slug}'s latest blind export (export ${latest.id}): its manifest's SHA-256 differs from the one recorded`
		);
}

/** The version in Tandem's own package.json, found upwards from this module. */
function toolVersion(): string {
	let folder = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const file = join(folder, 'package.json');
		if (existsSync(file)) {
			const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
			if (pkg.name === 'tandem' && pkg.version) return pkg.version;
		}
		const parent = dirname(folder);
		if (parent === folder) return 'unknown';
		folder = parent;
	}
}
