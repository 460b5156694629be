// Third-party-blind export (SEC-3): reads in the long CSV of tests/reference/data/README.md (plus
// decision, reading time, period, sequence), truth, case strata, reader qualifications and the
// protocol and the AI's sealed per-case outputs (ai-outputs-csv.ts), with readers, cases and arms
// under random codes, plus the same reads in the input formats of MRMCaov, iMRMC and RJafroc
// (peer-formats/); a manifest with every file's SHA-256,
// signed with the server's Ed25519 key, and a README (export-readme.ts). The manifest also carries
// the audit chain's head with its signed checkpoint. The code key stays in the database.
import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blindExports, cases, referenceTruth } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { longCsvText } from '../../stats/input/long-csv-writer';
import { currentReadRows, type ReadRow } from '../../stats/input/read-row';
import { recordAudit } from '../audit/audit.service';
import { checkpointAfter, signedChainHead } from '../audit/checkpoint.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { sha256Hex } from '../crypto/hash';
import { protocolOf } from '../studies/study-protocol';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { compareCodeUnits } from '../../design/schedule/ordering';
import { lockOf, lockVerdict } from './lock.service';
import { signManifest } from './signed-manifest';
import { writePeerFormatFiles } from './peer-xlsx';
import { datasetFreezeOf } from '../cases/dataset-freeze.service';
import { enrolledReaders } from '../schedule/schedule-input';
import { studyReads, type StudyRead } from '../reads/study-reads';
import { EXPORT_README_FILE, exportReadme } from './export-readme';
import { MEASUREMENTS_HEADER, measurementRows } from './measurements-csv';
import {
	STRATA_BALANCE_FILE,
	STRATA_BALANCE_HEADER,
	strataBalanceRows
} from './strata-balance-csv';
import { lesionExportFiles } from './lesion-export';
import { JAFROC_FROC_FILE, jafrocWorkbookBytes } from './jafroc-xlsx';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../stats/input/lesion-csv';
import { aiExportFiles } from './ai-outputs-csv';
import { withTransaction } from '../db/transaction';

/**
 * peer-formats/jafroc-froc.xlsx: the matched marks (current read versions) and the truth lesions
 * as RJafroc's FROC workbook, when the export has both.
 */
async function lesionPeerFiles(files: Record<string, string>): Promise<Record<string, Uint8Array>> {
	const truthCsv = files['lesions.csv'];
	const marksCsv = files['marks.csv'];
	if (truthCsv === undefined || marksCsv === undefined) return {};
	const study = parseLesionMarksCsv(
		marksCsv,
		parseLesionTruthCsv(truthCsv, 'lesions.csv'),
		'marks.csv'
	);
	if (study.readers.length === 0) return {};
	return { [`${PEER_FOLDER}/${JAFROC_FROC_FILE}`]: await jafrocWorkbookBytes(study) };
}

export const EXPORT_FORMAT = 'tandem-blind-export/1';
export const PEER_FOLDER = 'peer-formats';

export interface CodeKey {
	readers: Record<string, string>;
	cases: Record<string, string>;
	arms: Record<string, string>;
}

/** Distinct random codes: PREFIX-XXXXXX (hex), unrelated to any id or order. */
function codeBook(ids: string[], prefix: string): Map<string, string> {
	const book = new Map<string, string>();
	const used = new Set<string>();
	for (const id of ids) {
		let code: string;
		do code = `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
		while (used.has(code));
		used.add(code);
		book.set(id, code);
	}
	return book;
}

const csvField = (value: string | number | null) => {
	const text = value === null ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
/** A CSV text (header, rows), fields quoted where they need it. */
export const csv = (header: string[], rows: Array<Array<string | number | null>>) =>
	[header.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\n') + '\n';

export async function exportBlind(
	db: Db,
	principal: Principal,
	slug: string,
	outDir: string,
	now = new Date()
): Promise<{ exportId: number; files: string[]; manifestSha256: string }> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician']);
	const lock = await lockOf(db, study.id);
	if (!lock)
		throw new Conflict(`${slug} is not locked: lock the database first (tandem study lock).`);
	// What the export carries is what the lock sealed: a study whose data no longer gives the lock's
	// fingerprint (a read or an AI output changed behind the services' back) is not exported.
	const sealed = await lockVerdict(db, study.id);
	if (sealed && !sealed.ok)
		throw new Conflict(
			`${slug}: the lock does not verify, so nothing is exported — ${sealed.changes.join('; ')}.`
		);
	mkdirSync(outDir, { recursive: true });
	if (readdirSync(outDir).length > 0)
		throw new Conflict(`${outDir} is not empty: export into a new folder.`);
	const protocol = protocolOf(study);

	const rows = await lockedReads(db, study.id);
	const caseRows = await lockedCases(db, study.id);
	const readerRows = await enrolledReaders(db, study.id);
	if (rows.length === 0) throw new Conflict(`${slug} has no reads to export.`);

	const readerCodes = codeBook(shuffled(readerRows.map((row) => row.id)), 'RDR');
	const caseCodes = codeBook(shuffled(caseRows.map((row) => row.key)), 'CASE');
	const armCodes = codeBook(shuffled(protocol.arms.map((arm) => arm.id)), 'MOD');
	const strata = protocol.cases.strata;
	const coded = codedReads(
		rows,
		{ readers: readerCodes, cases: caseCodes, arms: armCodes },
		protocol
	);
	// The same reads for MRMCaov, iMRMC and RJafroc (STAT-2: re-run in the peers' own tools), each
	// corrected read in its latest version only.
	const peerFiles = await writePeerFormatFiles(currentReadRows(coded));
	const measured = measurementRows(rows, {
		readers: readerCodes,
		cases: caseCodes,
		arms: armCodes
	});
	const lesionFiles = await lesionExportFiles(
		db,
		study.id,
		protocol,
		rows,
		caseRows,
		{ readers: readerCodes, cases: caseCodes, arms: armCodes },
		csv
	);
	// The AI's sealed outputs under the case codes (AI-1): the standalone analysis runs on them.
	const ai = await aiExportFiles(db, study, caseCodes, csv);
	const files: Record<string, string | Uint8Array> = {
		[EXPORT_README_FILE]: exportReadme(),
		'reads.csv': longCsvText(coded),
		'truth.csv': csv(
			['case', 'truth'],
			caseRows.map((row) => [caseCodes.get(row.key)!, row.truth])
		),
		'cases.csv': csv(
			['case', ...strata],
			caseRows.map((row) => [
				caseCodes.get(row.key)!,
				...strata.map((name) => (JSON.parse(row.strata) as Record<string, string>)[name] ?? '')
			])
		),
		[STRATA_BALANCE_FILE]: csv(
			STRATA_BALANCE_HEADER,
			await strataBalanceRows(db, study.id, caseRows)
		),
		'readers.csv': csv(
			['reader', 'site', 'years_experience', 'specialty', 'withdrawn'],
			readerRows.map((row) => [
				readerCodes.get(row.id)!,
				row.site,
				row.yearsExperience,
				row.specialty,
				row.withdrawnAt ? 1 : 0
			])
		),
		'protocol.json': `${JSON.stringify(blindProtocol(protocol, armCodes), null, 2)}\n`,
		...(measured.length > 0 && { 'measurements.csv': csv(MEASUREMENTS_HEADER, measured) }),
		...lesionFiles,
		...ai.files,
		...(await lesionPeerFiles(lesionFiles)),
		...Object.fromEntries(
			peerFiles.map((file) => [`${PEER_FOLDER}/${file.fileName}`, file.contents])
		)
	};
	// The audit chain's head, signed now: the export names the trail it was made from.
	const auditChain = await signedChainHead(db, 'export', now);
	const manifest = {
		format: EXPORT_FORMAT,
		study: study.slug,
		exportedAt: now.toISOString(),
		protocolSha256: study.protocolSha256,
		lockFingerprint: lock.fingerprint,
		datasetFreeze: await frozenDataset(db, study.id),
		auditChain,
		...(Object.keys(ai.files).length > 0 && {
			aiModel: ai.model,
			// Each AI output row's SHA-256 by case code, so a verification names an altered row.
			rowSha256: ai.rowSeals
		}),
		files: Object.fromEntries(
			Object.entries(files).map(([name, data]) => [
				name,
				{ sha256: sha256Hex(data), bytes: Buffer.byteLength(data) }
			])
		)
	};
	const signed = signManifest(manifest);
	Object.assign(files, signed.files);
	mkdirSync(join(outDir, PEER_FOLDER));
	for (const [name, data] of Object.entries(files))
		writeFileSync(join(outDir, name), data, { flag: 'wx' });

	const codeKey: CodeKey = {
		readers: invert(readerCodes),
		cases: invert(caseCodes),
		arms: invert(armCodes)
	};
	const manifestSha256 = signed.sha256;
	const exportId = await withTransaction(db, async (tx) => {
		const id = (
			await tx
				.insert(blindExports)
				.values({
					studyId: study.id,
					manifestSha256,
					codeKeyJson: JSON.stringify(codeKey),
					createdAt: now
				})
				.returning({ id: blindExports.id })
		)[0]!.id;
		await recordAudit(
			tx,
			principal,
			{
				action: 'export.blind_created',
				entityType: 'blind_export',
				entityId: id,
				studyId: study.id,
				after: { manifestSha256, files: Object.keys(files), reads: rows.length }
			},
			now
		);
		return id;
	});
	await checkpointAfter(db, 'export');
	return { exportId, files: Object.keys(files), manifestSha256 };
}

export type LockedRead = StudyRead;

/** Every read of the study with its reader, arm, case and truth, in the order they were stored. */
export const lockedReads = studyReads;

export async function lockedCases(db: DbOrTx, studyId: number) {
	return await db
		.select({ key: cases.caseKey, strata: cases.strataJson, truth: referenceTruth.truth })
		.from(cases)
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.ordinal));
}

export interface Codes {
	readers: ReadonlyMap<string, string>;
	cases: ReadonlyMap<string, string>;
	arms: ReadonlyMap<string, string>;
}

/** The code books of a stored key (code → id), turned around (id → code). */
export function codesOf(key: CodeKey): Codes {
	const turned = (book: Record<string, string>) =>
		new Map(Object.entries(book).map(([code, id]) => [id, code]));
	return { readers: turned(key.readers), cases: turned(key.cases), arms: turned(key.arms) };
}

/**
 * The reads table under codes (a read without confidence or decision cannot be stored); the sequence
 * is written as the coded arms in reading order. A sequential design reads the control first for
 * every reader and case, so there the reading order would name the arms: no sequence, and the rows
 * in code order (reader, case, modality) instead of the order they were stored. When the study has
 * corrected reads, every version is a row, with its version number, whether a later one superseded
 * it and who filed the correction (the reason, free text that could name an arm, stays in Tandem).
 */
export function codedReads(
	rows: readonly LockedRead[],
	codes: Codes,
	protocol: Protocol
): ReadRow[] {
	const code = (book: ReadonlyMap<string, string>, id: string) => {
		const value = book.get(id);
		if (value === undefined) throw new Error(`no code for '${id}'`);
		return value;
	};
	const sequenceCode = (sequence: string) => {
		const [first, second] =
			sequence === 'BA'
				? [protocol.arms[1]!, protocol.arms[0]!]
				: [protocol.arms[0]!, protocol.arms[1]!];
		return `${code(codes.arms, first.id)}>${code(codes.arms, second.id)}`;
	};
	const versions = readVersions(rows);
	const coded = rows.map((row): ReadRow => ({
		reader: code(codes.readers, row.reader),
		modality: code(codes.arms, row.arm),
		case: code(codes.cases, row.caseKey),
		truth: row.truth === 1 ? 1 : 0,
		// Without a confidence scale the binary decision is the rating (its AUC is then the binary one).
		rating: row.confidence ?? row.decision ?? 0,
		decision: row.decision === null ? null : row.decision === 1 ? 1 : 0,
		timeMs: row.readingTimeMs,
		period: row.period,
		sequence: sequenceCode(row.sequence),
		...(versions && {
			version: versions.version.get(row.id)!,
			superseded: versions.superseded.has(row.id) ? 1 : 0,
			correctedBy: row.correctedBy
		})
	}));
	if (protocol.design.type !== 'sequential') return coded;
	const key = (row: ReadRow) => [row.reader, row.case, row.modality].join(' ');
	return coded
		.map((row): ReadRow => ({ ...row, sequence: null }))
		.sort((left, right) => compareCodeUnits(key(left), key(right)));
}

/** Each read's version (1 as submitted, +1 per correction) and the superseded reads; null without corrections. */
function readVersions(rows: readonly LockedRead[]) {
	if (rows.every((row) => row.supersedes === null)) return null;
	const version = new Map<number, number>();
	const superseded = new Set<number>();
	// In storage order, a read comes after the read it supersedes.
	for (const row of rows) {
		version.set(row.id, row.supersedes === null ? 1 : (version.get(row.supersedes) ?? 0) + 1);
		if (row.supersedes !== null) superseded.add(row.supersedes);
	}
	return { version, superseded };
}

/** The frozen test-set version the export rests on (CAS-5), or null when it was not frozen. */
async function frozenDataset(db: DbOrTx, studyId: number) {
	const freeze = await datasetFreezeOf(db, studyId);
	return freeze
		? {
				version: freeze.version,
				fingerprint: freeze.fingerprint,
				frozenAt: freeze.frozenAt.toISOString()
			}
		: null;
}

/** The protocol without what would reveal the arms: coded arm ids, no labels, no AI flags, no prose. */
function blindProtocol(protocol: Protocol, armCodes: Map<string, string>) {
	return {
		slug: protocol.slug,
		protocol_version: protocol.protocol_version,
		design: { type: protocol.design.type, washout_days: protocol.design.washout_days },
		modalities: [...armCodes.values()].sort(),
		rating: protocol.rating,
		matching: protocol.matching,
		endpoints: protocol.endpoints,
		strata: protocol.cases.strata,
		truth_source: protocol.truth.source
	};
}

function invert(book: Map<string, string>): Record<string, string> {
	return Object.fromEntries([...book].map(([id, code]) => [code, id]));
}

/** Order must not leak through the codes' order of creation. */
function shuffled<T>(items: T[]): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = randomBytes(4).readUInt32LE(0) % (index + 1);
		[copy[index], copy[other]] = [copy[other]!, copy[index]!];
	}
	return copy;
}
