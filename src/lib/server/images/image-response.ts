// A stored image as an HTTP response, exactly as stored (no transcoding, no lossy compression:
// READ-5), from memory (served-images.ts) or the image store, once the route's service has checked
// the caller may see it. The SHA-256 recorded at import is the entity tag, so a browser revalidates with
// If-None-Match (304) and a viewer may fetch part of a large file (Range → 206, a range past the
// end → 416). Privately cached: the image routes answer only their own reader.
import { imageCacheBytes } from '../config';
import { streamOf, type ImageKey, type ImageStore } from './image-store';
import { servedImages } from './served-images';

const CACHE_CONTROL = 'private, max-age=3600';

/** A Range header of one byte range, resolved against the size; 'ignore' serves the whole file. */
export function parseRange(
	header: string | null,
	size: number
): { start: number; end: number } | 'unsatisfiable' | 'ignore' {
	if (header === null) return 'ignore';
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	// Another unit, or several ranges: RFC 9110 lets the server answer with the whole file.
	if (!match || (match[1] === '' && match[2] === '')) return 'ignore';
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	if (start >= size) return 'unsatisfiable';
	const end = match[2] === '' ? size - 1 : Number(match[2]);
	if (end < start) return 'ignore';
	return { start, end: Math.min(end, size - 1) };
}

/** Whether an If-None-Match header names this entity tag (weak comparison, or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (ifNoneMatch === null) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === '*' || tag === etag);
}

export async function imageResponse(
	store: ImageStore,
	key: ImageKey,
	request: Request
): Promise<Response> {
	const etag = `"${key.sha256}"`;
	const common = {
		ETag: etag,
		'Cache-Control': CACHE_CONTROL,
		'Accept-Ranges': 'bytes'
	};
	if (matches(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers: common });
	const size = key.sizeBytes;
	const ifRange = request.headers.get('if-range');
	const range =
		ifRange !== null && ifRange.trim() !== etag
			? 'ignore'
			: parseRange(request.headers.get('range'), size);
	if (range === 'unsatisfiable')
		return new Response(null, {
			status: 416,
			headers: { ...common, 'Content-Range': `bytes */${size}` }
		});
	const headers = { ...common, 'Content-Type': 'application/dicom' };
	// An image served before comes from memory (served-images.ts); a large one is streamed.
	const kept = await servedImages(imageCacheBytes()).bytes(store, key);
	if (range === 'ignore') {
		const body = kept ? streamOf(kept) : (await store.stream(key)).body;
		return new Response(body, { headers: { ...headers, 'Content-Length': String(size) } });
	}
	const body = kept
		? streamOf(kept.subarray(range.start, range.end + 1))
		: (await store.stream(key, range)).body;
	return new Response(body, {
		status: 206,
		headers: {
			...headers,
			'Content-Length': String(range.end - range.start + 1),
			'Content-Range': `bytes ${range.start}-${range.end}/${size}`
		}
	});
}
