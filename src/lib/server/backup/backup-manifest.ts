// A backup's manifest (SEC-5): what the backup holds and what its database said when it was
// taken — the audit chain's head and its last signed checkpoint, each study's lock fingerprint —
// plus every file with its size and SHA-256. It is built in one place (buildBackupManifest) from the database copy itself, so it
// always describes the copy, never the live database that goes on changing.
//
// The backup folder:
//   data/<database file>        the database (SQLite's online backup API), in rollback-journal mode
//   data/signing-key.pem        the Ed25519 key that signs manifests
//   data/audit-checkpoints.jsonl the signed audit checkpoints kept beside the database
//   data/deid-keys/<study>.key  the de-identification keys
//   data/exports/…              the blind exports kept for download
//   models/<sha256>.onnx        the registered AI model files
//   studies/<slug>/…            each study folder's protocol files and stored images
//   manifest.json, manifest.sig, public-key.pem
import { posix } from 'node:path';
import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, images, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { GENESIS_HASH } from '../audit/audit.service';
import { CHECKPOINT_FORMAT, CHECKPOINT_OCCASIONS } from '../audit/checkpoint-record';
import { chainHead, lastCheckpoint } from '../audit/checkpoint.service';
import { lockOf, studyFingerprint } from '../export/lock.service';
import { tandemVersion } from '../tool-version';
import type { FileDigest } from './file-copy';
import { mapInOrder } from '../db/in-order';

export const BACKUP_FORMAT = 'tandem-backup/1';
export const DATA_FOLDER = 'data';
export const MODELS_FOLDER = 'models';
export const STUDIES_FOLDER = 'studies';

/** The last row of the audit chain (seq 0 and the genesis hash when there is none). */
export async function auditChainHead(db: DbOrTx): Promise<{ seq: number; hash: string }> {
	return (await chainHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
}

/** A path inside the backup folder: relative, with no '.', '..' or empty segment. */
const fileName = z
	.string()
	.refine(
		(name) =>
			name !== '' &&
			!posix.isAbsolute(name) &&
			name.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
		'not a plain path inside the backup'
	);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A signed checkpoint of the audit chain (audit/checkpoint-record.ts), as the manifest carries it. */
const auditCheckpoint = z.object({
	format: z.literal(CHECKPOINT_FORMAT),
	seq: z.number().int().min(1),
	hash: sha256,
	rowCount: z.number().int().min(0),
	signedAt: z.string(),
	occasion: z.enum(CHECKPOINT_OCCASIONS),
	keyId: sha256,
	signature: z.string()
});

export const backupManifestSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	tool: z.object({ name: z.literal('tandem'), version: z.string() }),
	createdAt: z.string(),
	database: z.object({ file: fileName, source: z.string(), lastMigration: z.number().nullable() }),
	auditChain: z.object({ seq: z.number().int().min(0), hash: sha256 }),
	/**
	 * The checkpoint file copied beside the database (null when there was none) and the last signed
	 * checkpoint the copy holds (null when its chain has none yet).
	 */
	auditCheckpoints: z.object({ file: fileName.nullable(), last: auditCheckpoint.nullable() }),
	studies: z.array(
		z.object({
			slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
			folder: z.string(),
			images: z.number().int().min(0),
			/** The fingerprint stored at the lock and the one the copy's data gives; equal unless the data changed after the lock. */
			lock: z.object({ fingerprint: sha256, recomputed: sha256 }).nullable()
		})
	),
	models: z.array(
		z.object({
			name: z.string(),
			version: z.string(),
			sha256,
			path: z.string(),
			file: fileName
		})
	),
	signingKey: z.object({ file: fileName, publicKeySha256: sha256 }),
	/** Files the database names that were missing or different when the backup was taken. */
	problems: z.array(z.object({ file: fileName, problem: z.string() })),
	files: z.record(fileName, z.object({ sha256, bytes: z.number().int().min(0) }))
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export interface ManifestInput {
	/** The database copy (not the live database). */
	copy: DbOrTx;
	createdAt: Date;
	database: BackupManifest['database'];
	models: BackupManifest['models'];
	signingKey: BackupManifest['signingKey'];
	/** The checkpoint file's name in the backup, when it was copied. */
	checkpointFile: string | null;
	problems: BackupManifest['problems'];
	/** Every file of the backup but the manifest's own three, by name. */
	files: Record<string, FileDigest>;
}

/** The manifest of a backup, everything about the database read from its copy. */
export async function buildBackupManifest(input: ManifestInput): Promise<BackupManifest> {
	const { copy } = input;
	const studyRows = await copy.select().from(studies).orderBy(asc(studies.slug));
	return {
		format: BACKUP_FORMAT,
		tool: { name: 'tandem', version: tandemVersion() },
		createdAt: input.createdAt.toISOString(),
		database: input.database,
		auditChain: await auditChainHead(copy),
		auditCheckpoints: { file: input.checkpointFile, last: await lastCheckpoint(copy) },
		studies: await mapInOrder(studyRows, async (study) => {
			const lock = await lockOf(copy, study.id);
			return {
				slug: study.slug,
				folder: study.sourceDir,
				images: await imageCount(copy, study.id),
				lock: lock
					? { fingerprint: lock.fingerprint, recomputed: await studyFingerprint(copy, study.id) }
					: null
			};
		}),
		models: input.models,
		signingKey: input.signingKey,
		problems: input.problems,
		files: Object.fromEntries(
			Object.entries(input.files)
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([name, digest]) => [name, { sha256: digest.sha256, bytes: digest.bytes }])
		)
	};
}

async function imageCount(copy: DbOrTx, studyId: number): Promise<number> {
	return (
		(
			await copy
				.select({ n: count() })
				.from(images)
				.innerJoin(cases, eq(images.caseId, cases.id))
				.where(eq(cases.studyId, studyId))
		)[0]?.n ?? 0
	);
}
