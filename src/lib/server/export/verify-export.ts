// `tandem export verify DIR`: the manifest's signature against the public key shipped with it
// (and, when given, against the server's own key), the signed audit checkpoint it carries, then
// every listed file's SHA-256.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../crypto/hash';
import { MANIFEST, PUBLIC_KEY, SIGNATURE } from './blind-export.service';
import { checkpointSignatureValid, isCheckpoint } from '../audit/checkpoint-record';

export type ExportVerdict =
	{ ok: true; files: number } | { ok: false; file: string; problem: string };

/** Every file below `dir`, as manifest-style relative paths ('peer-formats/README.md'). */
function filesUnder(dir: string, prefix = ''): string[] {
	return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
	);
}

export function verifyExport(dir: string, trustedPublicKeyPem?: string): ExportVerdict {
	for (const name of [MANIFEST, SIGNATURE, PUBLIC_KEY]) {
		if (!existsSync(join(dir, name))) return { ok: false, file: name, problem: 'missing' };
	}
	const manifestBytes = readFileSync(join(dir, MANIFEST));
	const publicKeyPem = readFileSync(join(dir, PUBLIC_KEY), 'utf8');
	if (trustedPublicKeyPem !== undefined && publicKeyPem.trim() !== trustedPublicKeyPem.trim()) {
		return { ok: false, file: PUBLIC_KEY, problem: 'not the key of this server' };
	}
	let signatureOk: boolean;
	try {
		const signature = Buffer.from(readFileSync(join(dir, SIGNATURE), 'utf8').trim(), 'base64');
		signatureOk = verify(null, manifestBytes, createPublicKey(publicKeyPem), signature);
	} catch {
		signatureOk = false;
	}
	if (!signatureOk)
		return {
			ok: false,
			file: MANIFEST,
			problem: 'signature does not match (manifest or signature altered)'
		};
	const manifest = JSON.parse(manifestBytes.toString('utf8')) as {
		files: Record<string, { sha256: string; bytes: number }>;
		auditChain?: { checkpoint: unknown };
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
		if (sha256Hex(readFileSync(path)) !== expected.sha256)
			return { ok: false, file: name, problem: 'SHA-256 differs from the manifest (file altered)' };
	}
	const listed = new Set([...Object.keys(manifest.files), MANIFEST, SIGNATURE, PUBLIC_KEY]);
	const extra = filesUnder(dir).find((name) => !listed.has(name));
	if (extra) return { ok: false, file: extra, problem: 'not listed in the manifest' };
	return { ok: true, files: Object.keys(manifest.files).length };
}
