// Decode a CSV file's bytes strictly as UTF-8 (an optional UTF-8 byte-order mark is dropped).
// Nothing is replaced silently: invalid UTF-8 (e.g. a Latin-1 "ö") is refused naming its line
// and byte, UTF-16 (by its byte-order mark, or by the NUL bytes it holds) is named as such.
// Line numbers count LF, CRLF and a lone CR as line ends, as the CSV reader does.

export class CsvEncodingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CsvEncodingError';
	}
}

const SAVE_AS = 'save it as UTF-8';

/** The text of `bytes`, or a CsvEncodingError naming the line of the first bad byte. */
export function decodeCsvBytes(bytes: Uint8Array): string {
	const [first, second] = [bytes[0], bytes[1]];
	if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) {
		const mark = first === 0xff ? 'FF FE' : 'FE FF';
		throw new CsvEncodingError(
			`the file is UTF-16 (it starts with the byte-order mark ${mark}): ${SAVE_AS}`
		);
	}
	const nul = bytes.indexOf(0);
	if (nul >= 0) {
		throw new CsvEncodingError(
			`line ${lineAt(bytes, nul)}: the file holds NUL bytes, as UTF-16 text or a binary file does: ${SAVE_AS}`
		);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		const bad = firstInvalidUtf8(bytes);
		const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
		throw new CsvEncodingError(
			`line ${lineAt(bytes, bad)}: the file is not valid UTF-8 (byte 0x${byte}): ${SAVE_AS}`
		);
	}
}

/** 1-based line of byte `offset`: LF, CRLF and a lone CR each end a line. */
function lineAt(bytes: Uint8Array, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) {
		if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
	}
	return line;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
	for (let i = 0; i < bytes.length;) {
		const lead = bytes[i] as number;
		if (lead < 0x80) {
			i++;
			continue;
		}
		const [length, low, high] =
			lead >= 0xc2 && lead <= 0xdf
				? [2, 0x80, 0xbf]
				: lead === 0xe0
					? [3, 0xa0, 0xbf]
					: lead === 0xed
						? [3, 0x80, 0x9f]
						: lead >= 0xe1 && lead <= 0xef
							? [3, 0x80, 0xbf]
							: lead === 0xf0
								? [4, 0x90, 0xbf]
								: lead >= 0xf1 && lead <= 0xf3
									? [4, 0x80, 0xbf]
									: lead === 0xf4
										? [4, 0x80, 0x8f]
										: [0, 0, 0];
		if (length === 0) return i;
		for (let k = 1; k < length; k++) {
			const next = bytes[i + k];
			const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
			if (next === undefined || next < min || next > max) return i;
		}
		i += length;
	}
	return bytes.length;
}
