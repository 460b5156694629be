// Copying and hashing the files of a backup without holding them in memory (images and databases
// can be large) and without blocking the server: streams, with the SHA-256 taken on the way.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../private-files';

export interface FileDigest {
	sha256: string;
	bytes: number;
}

/** Copies `from` to a new file `to` (refused if it exists), created 0600; the digest of what was copied. */
export async function copyPrivateFile(from: string, to: string): Promise<FileDigest> {
	const hash = createHash('sha256');
	let bytes = 0;
	const tap = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			hash.update(chunk);
			bytes += chunk.length;
			done(null, chunk);
		}
	});
	await pipeline(
		createReadStream(from),
		tap,
		createWriteStream(to, { flags: 'wx', mode: PRIVATE_FILE_MODE })
	);
	return { sha256: hash.digest('hex'), bytes };
}

export async function digestFile(path: string): Promise<FileDigest> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return { sha256: hash.digest('hex'), bytes };
}
