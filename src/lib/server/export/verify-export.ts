// `tandem export verify DIR`: the manifest's signature against the public key shipped with it
// (and, when given, against the server's own key), the signed audit checkpoint it carries, then
// every listed file's SHA-256; in a file whose rows the manifest seals one by one (ai-outputs.csv),
// each altered row by its line and case code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../crypto/hash';
import {
	checkManifestSignature,
	filesUnder,
	MANIFEST,
	SIGNED_MANIFEST_FILES
} from './signed-manifest';
import { checkpointSignatureValid, isCheckpoint } from '../audit/checkpoint-record';
import { changedRows } from './row-seals';

export type ExportVerdict =
	{ ok: true; files: number } | { ok: false; file: string; problem: string };

export function verifyExport(dir: string, trustedPublicKeyPem?: string): ExportVerdict {
	const signature = checkManifestSignature(dir, trustedPublicKeyPem);
	if (!signature.ok) return signature;
	const { publicKeyPem } = signature;
	const manifest = JSON.parse(signature.manifestText) as {
		files: Record<string, { sha256: string; bytes: number }>;
		auditChain?: { checkpoint: unknown };
		rowSha256?: Record<string, Record<string, string>>;
	};
	const checkpoint = manifest.auditChain?.checkpoint;
	if (
		checkpoint != null &&
		!(isCheckpoint(checkpoint) && checkpointSignatureValid(checkpoint, publicKeyPem))
	)
		return {
			ok: false,
			file: MANIFEST,
			problem: 'the signed audit checkpoint it carries does not verify under the public key'
		};
	for (const [name, expected] of Object.entries(manifest.files)) {
		const path = join(dir, name);
		if (!existsSync(path)) return { ok: false, file: name, problem: 'missing' };
		const bytes = readFileSync(path);
		if (sha256Hex(bytes) !== expected.sha256) {
			const seals = manifest.rowSha256?.[name];
			const rows = seals ? changedRows(bytes.toString('utf8'), seals) : [];
			return {
				ok: false,
				file: name,
				problem: `SHA-256 differs from the manifest (file altered)${rows.length > 0 ? `: ${rows.join('; ')}` : ''}`
			};
		}
	}
	const listed = new Set([...Object.keys(manifest.files), ...SIGNED_MANIFEST_FILES]);
	const extra = filesUnder(dir).find((name) => !listed.has(name));
	if (extra) return { ok: false, file: extra, problem: 'not listed in the manifest' };
	return { ok: true, files: Object.keys(manifest.files).length };
}
