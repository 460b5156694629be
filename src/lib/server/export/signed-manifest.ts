// A folder vouched for by a signed manifest (blind exports, backups): manifest.json lists every
// file with its SHA-256, manifest.sig is its Ed25519 signature by the server's key, and
// public-key.pem is that key's public half, so anyone can check the folder without the server.
import { createPublicKey, sign, verify } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../crypto/hash';
import { signingKey } from './signing-key';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'public-key.pem';
/** The three files that vouch for the rest. */
export const SIGNED_MANIFEST_FILES: readonly string[] = [MANIFEST, SIGNATURE, PUBLIC_KEY];

export interface SignedManifest {
	/** manifest.json as written (its SHA-256 is the manifest's hash). */
	text: string;
	sha256: string;
	/** The three files to write beside the listed ones, by name. */
	files: Record<string, string>;
}

/** The manifest as pretty JSON, signed with the server's Ed25519 key. */
export function signManifest(manifest: unknown): SignedManifest {
	const text = `${JSON.stringify(manifest, null, 2)}\n`;
	const key = signingKey();
	const signature = sign(null, Buffer.from(text), key.privateKey).toString('base64');
	return {
		text,
		sha256: sha256Hex(text),
		files: { [MANIFEST]: text, [SIGNATURE]: `${signature}\n`, [PUBLIC_KEY]: key.publicKeyPem }
	};
}

export type SignatureVerdict =
	| { ok: true; manifestText: string; publicKeyPem: string }
	| { ok: false; file: string; problem: string };

/** The three files are there and the signature holds (against `trustedPublicKeyPem` too, when given). */
export function checkManifestSignature(
	dir: string,
	trustedPublicKeyPem?: string
): SignatureVerdict {
	for (const name of SIGNED_MANIFEST_FILES) {
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
	return { ok: true, manifestText: manifestBytes.toString('utf8'), publicKeyPem };
}

/** Every file below `dir`, as manifest-style relative paths ('peer-formats/README.md'). */
export function filesUnder(dir: string, prefix = ''): string[] {
	return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]
	);
}
