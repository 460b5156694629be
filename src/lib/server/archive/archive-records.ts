// The study's own records as an archive holds them (archive.service.ts), each a file: every loaded
// protocol revision with its hash, the frozen dataset (versions and the image list with hashes),
// the reads, the AI's sealed outputs, the lock with its verification now, the electronic
// signatures and the study's audit events with the chain's head and signed checkpoints. Real ids:
// the archive is the sponsor's retained record, not the evaluator's blind export.
import { asc, eq } from 'drizzle-orm';
import { auditEvents, cases, images, protocolVersions } from '../db/schema';
import type { Db } from '../db/client';
import type { studies } from '../db/schema';
import { datasetVersionsOf } from '../cases/dataset-freeze.service';
import { studyReads } from '../reads/study-reads';
import { sealedAiOutputs } from '../export/ai-outputs';
import { lockOf, type LockVerdict } from '../export/lock.service';
import { signaturesOf } from '../signatures/signature.service';
import { verifyAuditChain } from '../audit/audit.service';
import { chainHead, checkpointsOf } from '../audit/checkpoint.service';

type Study = typeof studies.$inferSelect;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const jsonLines = (rows: readonly unknown[]) =>
	rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');

/** { archive path: contents } of the study's records. */
export async function studyRecordFiles(
	db: Db,
	study: Study,
	lock: LockVerdict
): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	// Every loaded revision of the protocol, with its hash and per-file hashes.
	const revisions = await db
		.select()
		.from(protocolVersions)
		.where(eq(protocolVersions.studyId, study.id))
		.orderBy(asc(protocolVersions.revision));
	files['protocol/revisions.json'] = json(
		revisions.map((row) => ({
			revision: row.revision,
			protocolVersion: row.protocolVersion,
			sha256: row.sha256,
			files: JSON.parse(row.filesJson) as unknown,
			reason: row.reason,
			loadedAt: row.createdAt.toISOString(),
			current: row.sha256 === study.protocolSha256
		}))
	);
	for (const row of revisions)
		files[`protocol/revision-${row.revision}.json`] = json(JSON.parse(row.protocolJson));

	files['dataset/versions.json'] = json(await datasetVersionsOf(db, study.id));
	files['dataset/images.csv'] = csvLines(
		['case', 'image', 'path', 'sha256'],
		(
			await db
				.select({
					caseKey: cases.caseKey,
					ordinal: images.ordinal,
					path: images.path,
					sha256: images.sha256
				})
				.from(images)
				.innerJoin(cases, eq(images.caseId, cases.id))
				.where(eq(cases.studyId, study.id))
				.orderBy(asc(cases.ordinal), asc(images.ordinal))
		).map((row) => [row.caseKey, row.ordinal, row.path, row.sha256])
	);

	files['records/reads.jsonl'] = jsonLines(await studyReads(db, study.id));
	files['records/ai-outputs.json'] = json(await sealedAiOutputs(db, study));
	const stored = (await lockOf(db, study.id))!;
	files['records/lock.json'] = json({
		fingerprint: stored.fingerprint,
		fingerprintVersion: stored.fingerprintVersion,
		reason: stored.reason,
		lockedBy: stored.lockedBy,
		lockedAt: stored.createdAt.toISOString(),
		seal: stored.sealJson === null ? null : (JSON.parse(stored.sealJson) as unknown),
		verifiedAtArchive: lock
	});
	files['signatures/signatures.json'] = json(await signaturesOf(db, study.id));

	files['audit/events.jsonl'] = jsonLines(
		await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.studyId, study.id))
			.orderBy(asc(auditEvents.seq))
	);
	files['audit/chain.json'] = json({
		verified: await verifyAuditChain(db),
		head: await chainHead(db),
		checkpoints: await checkpointsOf(db)
	});
	return files;
}

function csvLines(header: string[], rows: Array<Array<string | number>>): string {
	const field = (value: string | number) => {
		const text = String(value);
		return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
	};
	return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
