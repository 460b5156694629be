// The files of a study folder, read safely: every path named by the protocol (cases.file,
// truth.file, image folders) must resolve — symlinks followed — to a place inside the study
// folder; files are bounded in size and decoded as strict UTF-8, their SHA-256 taken over the
// raw bytes (for valid UTF-8 the same as over the text).
import { isUtf8 } from 'node:buffer';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { sha256Hex } from '../crypto/hash';

/** study.yaml is a page of settings: a few kilobytes (the demo's is 2 KB). */
export const MAX_PROTOCOL_BYTES = 512 * 1024;
/** cases.csv and truth.csv: room for the largest allowed case list with long details. */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;

export class ProtocolFileError extends Error {
	constructor(
		message: string,
		readonly line?: number
	) {
		super(message);
	}
}

export interface ProtocolFile {
	text: string;
	sha256: string;
}

/** The real path of the study folder, the base every confined path is checked against. */
export function realStudyDir(dir: string): string {
	return realpathSync(dir);
}

function inside(base: string, path: string): boolean {
	const rel = relative(base, path);
	return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `relPath` inside `realDir`; throws ProtocolFileError when it is absolute, leaves
 * the folder (by `..` or a symlink), does not exist, or is not of the expected kind.
 */
export function confinedPath(realDir: string, relPath: string, kind: 'file' | 'folder'): string {
	const quoted = `"${relPath}"`;
	if (isAbsolute(relPath) || relPath.includes('\0') || !inside(realDir, resolve(realDir, relPath)))
		throw new ProtocolFileError(`${quoted} is outside the study folder`);
	let real: string;
	try {
		real = realpathSync(resolve(realDir, relPath));
	} catch {
		throw new ProtocolFileError(
			kind === 'file' ? `${quoted}: file not found` : `image folder ${quoted} not found`
		);
	}
	if (!inside(realDir, real)) {
		throw new ProtocolFileError(
			`${kind === 'file' ? '' : 'image folder '}${quoted} is outside the study folder`
		);
	}
	const isFolder = statSync(real).isDirectory();
	if (kind === 'file' && isFolder) throw new ProtocolFileError(`${quoted} is a folder, not a file`);
	if (kind === 'folder' && !isFolder)
		throw new ProtocolFileError(`image folder ${quoted} is a file, not a folder`);
	if (kind === 'file' && !statSync(real).isFile())
		throw new ProtocolFileError(`${quoted} is not a regular file`);
	return real;
}

/** Reads a protocol file of at most `maxBytes` as strict UTF-8 (a BOM is dropped from the text). */
export function readProtocolFile(realPath: string, maxBytes: number): ProtocolFile {
	const size = statSync(realPath).size;
	if (size > maxBytes)
		throw new ProtocolFileError(
			`the file is larger than ${maxBytes.toLocaleString('en-US')} bytes (${size.toLocaleString('en-US')})`
		);
	const bytes = readFileSync(realPath);
	if (bytes.length > maxBytes)
		throw new ProtocolFileError(
			`the file is larger than ${maxBytes.toLocaleString('en-US')} bytes`
		);
	if (
		bytes.length >= 2 &&
		((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
	)
		throw new ProtocolFileError('the file is UTF-16: save it as UTF-8', 1);
	if (!isUtf8(bytes))
		throw new ProtocolFileError(
			'the file is not valid UTF-8 (save it as UTF-8)',
			firstInvalidLine(bytes)
		);
	return { text: new TextDecoder('utf-8').decode(bytes), sha256: sha256Hex(bytes) };
}

/** The 1-based line of the first invalid UTF-8 sequence (a newline byte never occurs inside one). */
function firstInvalidLine(bytes: Buffer): number {
	let line = 1;
	let start = 0;
	while (start <= bytes.length) {
		let end = bytes.indexOf(0x0a, start);
		if (end === -1) end = bytes.length;
		if (!isUtf8(bytes.subarray(start, end))) return line;
		line++;
		start = end + 1;
	}
	return line;
}
