// `tandem archive verify DIR`: the index's signature, then every listed file's SHA-256 and size;
// every changed, missing or extra file is named, not only the first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../crypto/hash';
import {
	checkManifestSignature,
	filesUnder,
	MANIFEST,
	SIGNED_MANIFEST_FILES
} from '../export/signed-manifest';
import { ARCHIVE_FORMAT } from './archive-format';

export interface ArchiveProblem {
	file: string;
	problem: string;
}

export type ArchiveVerdict =
	| { ok: true; files: number; study: string; lockFingerprint: string }
	| { ok: false; problems: ArchiveProblem[] };

export function verifyArchive(dir: string, trustedPublicKeyPem?: string): ArchiveVerdict {
	if (!existsSync(dir)) return { ok: false, problems: [{ file: dir, problem: 'no such folder' }] };
	const signature = checkManifestSignature(dir, trustedPublicKeyPem);
	if (!signature.ok) return { ok: false, problems: [signature] };
	const index = JSON.parse(signature.manifestText) as {
		format?: unknown;
		study: string;
		lockFingerprint: string;
		files: Record<string, { sha256: string; bytes: number }>;
	};
	if (index.format !== ARCHIVE_FORMAT)
		return {
			ok: false,
			problems: [
				{ file: MANIFEST, problem: `not a Tandem archive index (format ${String(index.format)})` }
			]
		};
	const problems: ArchiveProblem[] = [];
	for (const [name, expected] of Object.entries(index.files)) {
		const path = join(dir, name);
		if (!existsSync(path)) {
			problems.push({ file: name, problem: 'missing' });
			continue;
		}
		const data = readFileSync(path);
		if (data.length !== expected.bytes || sha256Hex(data) !== expected.sha256)
			problems.push({
				file: name,
				problem: `changed (SHA-256 differs from the index; ${data.length} bytes, the index says ${expected.bytes})`
			});
	}
	const listed = new Set([...Object.keys(index.files), ...SIGNED_MANIFEST_FILES]);
	for (const name of filesUnder(dir).sort())
		if (!listed.has(name)) problems.push({ file: name, problem: 'extra: not listed in the index' });
	return problems.length > 0
		? { ok: false, problems }
		: {
				ok: true,
				files: Object.keys(index.files).length,
				study: index.study,
				lockFingerprint: index.lockFingerprint
			};
}
