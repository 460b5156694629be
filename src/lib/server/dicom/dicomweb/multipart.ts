// multipart/related bodies (RFC 2046 §5.1, as WADO-RS returns them, PS3.18 §8.7.3.3): split into
// parts, each with its headers and its bytes exactly as sent (a DICOM file is binary).

export interface BodyPart {
	headers: Record<string, string>;
	body: Uint8Array;
}

/** The boundary parameter of a multipart Content-Type, quoted or not; null if there is none. */
export function boundaryOf(contentType: string): string | null {
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2] ?? null) : null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
	const first = needle[0];
	outer: for (
		let index = haystack.indexOf(first as number, from);
		index !== -1 && index <= haystack.length - needle.length;
		index = haystack.indexOf(first as number, index + 1)
	) {
		for (let offset = 1; offset < needle.length; offset++)
			if (haystack[index + offset] !== needle[offset]) continue outer;
		return index;
	}
	return -1;
}

/** The parts between "--boundary" delimiters; the CRLF before each delimiter belongs to it, not to the body. */
export function parseMultipart(body: Uint8Array, boundary: string): BodyPart[] {
	const encoder = new TextEncoder();
	const delimiter = encoder.encode(`--${boundary}`);
	const parts: BodyPart[] = [];
	let start = indexOf(body, delimiter, 0);
	if (start === -1) throw new Error('multipart body without its boundary');
	while (start !== -1) {
		let cursor = start + delimiter.length;
		if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break; // "--boundary--": the end
		while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++; // transport padding
		if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) cursor += 2;
		const next = indexOf(body, encoder.encode(`\r\n--${boundary}`), cursor);
		if (next === -1) throw new Error('multipart body ends inside a part (no closing boundary)');
		const headerEnd = indexOf(body, encoder.encode('\r\n\r\n'), cursor);
		const headers: Record<string, string> = {};
		let contentStart = cursor;
		if (headerEnd !== -1 && headerEnd < next) {
			for (const line of new TextDecoder('latin1')
				.decode(body.subarray(cursor, headerEnd))
				.split('\r\n')) {
				const colon = line.indexOf(':');
				if (colon > 0)
					headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
			}
			contentStart = headerEnd + 4;
		} else if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) {
			contentStart = cursor + 2; // a part with no headers
		}
		parts.push({ headers, body: body.subarray(contentStart, next) });
		start = next + 2;
	}
	return parts;
}
