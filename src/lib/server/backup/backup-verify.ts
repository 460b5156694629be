// `tandem backup verify DIR`, and the first half of every restore: the manifest's signature, the
// signer being the backup's own signing key, every listed file's size and SHA-256 (nothing
// missing, nothing added), then the database and its signed audit checkpoints
// (backup-database-check.ts, backup-checkpoints.ts). The first problem found is refused with a
// BackupNotIntact naming the file.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../crypto/hash';
import {
	checkManifestSignature,
	filesUnder,
	MANIFEST,
	SIGNED_MANIFEST_FILES
} from '../export/signed-manifest';
import { backupManifestSchema, type BackupManifest } from './backup-manifest';
import { checkBackupDatabase, type DatabaseFindings } from './backup-database-check';
import { checkpointFileName } from './backup-checkpoints';
import { BackupNotIntact } from './backup-not-intact';
import { digestFile, type FileDigest } from './file-copy';

export interface SignedBackup {
	manifest: BackupManifest;
	manifestSha256: string;
	publicKeyPem: string;
}

/** The manifest, once its signature holds and it reads as a backup manifest. */
export function readBackupManifest(dir: string): SignedBackup {
	if (!existsSync(dir)) throw new BackupNotIntact(dir, '.', 'no such folder');
	const signature = checkManifestSignature(dir);
	if (!signature.ok) throw new BackupNotIntact(dir, signature.file, signature.problem);
	let parsed: ReturnType<typeof backupManifestSchema.safeParse>;
	try {
		parsed = backupManifestSchema.safeParse(JSON.parse(signature.manifestText));
	} catch {
		throw new BackupNotIntact(dir, MANIFEST, 'not JSON');
	}
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new BackupNotIntact(
			dir,
			MANIFEST,
			`not a Tandem backup manifest (${issue.path.join('.') || 'format'}: ${issue.message})`
		);
	}
	const { database, signingKey, auditCheckpoints } = parsed.data;
	if (auditCheckpoints.last && !auditCheckpoints.file)
		throw new BackupNotIntact(dir, MANIFEST, 'carries an audit checkpoint but no checkpoint file');
	const checkpointFile = checkpointFileName(database.file);
	if (auditCheckpoints.file !== null && auditCheckpoints.file !== checkpointFile)
		throw new BackupNotIntact(
			dir,
			MANIFEST,
			`names ${auditCheckpoints.file} as the audit checkpoint file, not ${checkpointFile} beside the database`
		);
	for (const name of [database.file, signingKey.file, auditCheckpoints.file])
		if (name !== null && !parsed.data.files[name])
			throw new BackupNotIntact(dir, MANIFEST, `does not list ${name}`);
	return {
		manifest: parsed.data,
		manifestSha256: sha256Hex(signature.manifestText),
		publicKeyPem: signature.publicKeyPem
	};
}

/** No file in the folder that the manifest does not list. */
export function refuseUnlistedFiles(dir: string, manifest: BackupManifest): void {
	const listed = new Set([...Object.keys(manifest.files), ...SIGNED_MANIFEST_FILES]);
	const extra = filesUnder(dir).find((name) => !listed.has(name));
	if (extra) throw new BackupNotIntact(dir, extra, 'not listed in the manifest');
}

/** A file's digest (of the backup's file, or of its copy) against the manifest. */
export function checkDigest(
	dir: string,
	manifest: BackupManifest,
	name: string,
	digest: FileDigest
): void {
	const expected = manifest.files[name]!;
	if (digest.bytes !== expected.bytes || digest.sha256 !== expected.sha256)
		throw new BackupNotIntact(dir, name, 'SHA-256 differs from the manifest (file altered)');
}

/** The manifest was signed by the signing key inside the backup (not by some other key). */
export function checkSigner(dir: string, signed: SignedBackup, keyFile: string): void {
	const { manifest, publicKeyPem } = signed;
	let signer: string;
	try {
		signer = createPublicKey(createPrivateKey(readFileSync(keyFile)))
			.export({ type: 'spki', format: 'pem' })
			.toString();
	} catch {
		throw new BackupNotIntact(dir, manifest.signingKey.file, 'not a readable private key');
	}
	if (
		signer.trim() !== publicKeyPem.trim() ||
		sha256Hex(publicKeyPem) !== manifest.signingKey.publicKeySha256
	)
		throw new BackupNotIntact(dir, 'public-key.pem', "not the key of the backup's signing key");
}

export interface BackupVerdict extends DatabaseFindings {
	dir: string;
	manifest: BackupManifest;
	manifestSha256: string;
	files: number;
}

/** Every check of a restore, on the backup where it lies; the backup is not changed. */
export async function verifyBackup(
	dir: string,
	onProgress?: (done: number, total: number) => void
): Promise<BackupVerdict> {
	const signed = readBackupManifest(dir);
	const { manifest } = signed;
	refuseUnlistedFiles(dir, manifest);
	const names = Object.keys(manifest.files);
	for (const [index, name] of names.entries()) {
		onProgress?.(index, names.length);
		const path = join(dir, name);
		if (!existsSync(path)) throw new BackupNotIntact(dir, name, 'missing');
		checkDigest(dir, manifest, name, await digestFile(path));
	}
	onProgress?.(names.length, names.length);
	checkSigner(dir, signed, join(dir, manifest.signingKey.file));
	const findings = await checkBackupDatabase(join(dir, manifest.database.file), signed, dir, false);
	return {
		dir,
		manifest,
		manifestSha256: signed.manifestSha256,
		files: names.length,
		...findings
	};
}
