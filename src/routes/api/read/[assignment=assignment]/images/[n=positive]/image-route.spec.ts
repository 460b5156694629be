import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GET } from './+server';
import { submitRead } from '$lib/server/reads/read.service';
import { imageForReading } from '$lib/server/reads/reading.service';
import { sha256Hex } from '$lib/server/crypto/hash';
import { imageStore } from '$lib/server/images/image-stores';
import type { UserPrincipal } from '$lib/server/access/principal';
import { processStudy } from '$fixtures/process-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';

// The reader's image route as the server runs it (default store: the study folder), called with a
// request as the browser sends it.
const study = processStudy('tandem-image-route-');

function get(reader: UserPrincipal, assignment: string, headers: Record<string, string> = {}) {
	const url = new URL(`http://localhost/api/read/${assignment}/images/1`);
	return GET({
		params: { assignment, n: '1' },
		url,
		request: new Request(url, { headers }),
		locals: { user: { id: reader.userId, email: reader.email, name: reader.name } }
	} as never);
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('GET /api/read/[assignment]/images/[n]', () => {
	let assignment: string;
	let file: Uint8Array;
	let etag: string;
	beforeAll(async () => {
		assignment = (await readerAssignments(study.db, study.readers[0]!.email, { period: 1 }))[0]!.id;
		const key = await imageForReading(study.db, study.readers[0]!, assignment, 1);
		file = readFileSync(join(key.studyFolder, key.path));
		etag = `"${sha256Hex(file)}"`;
	});

	it('answers with the whole file, its SHA-256 as ETag, private caching and byte ranges offered', async () => {
		const response = await get(study.readers[0]!, assignment);
		expect(response.status).toBe(200);
		expect(Object.fromEntries(response.headers)).toMatchObject({
			'content-type': 'application/dicom',
			'content-length': String(file.length),
			etag,
			'cache-control': 'private, max-age=3600',
			'accept-ranges': 'bytes'
		});
		expect(await bytesOf(response)).toEqual(new Uint8Array(file));
	});

	it('serves an image again from memory, byte for byte; with TANDEM_IMAGE_CACHE_MB=0 from the store each time', async () => {
		const store = imageStore();
		const reads = vi.spyOn(store, 'get');
		const streams = vi.spyOn(store, 'stream');
		const twice = async () => {
			for (let round = 0; round < 2; round++) {
				expect(await bytesOf(await get(study.readers[0]!, assignment))).toEqual(
					new Uint8Array(file)
				);
				const part = await get(study.readers[0]!, assignment, { range: 'bytes=128-131' });
				expect(new TextDecoder().decode(await bytesOf(part))).toBe('DICM');
			}
		};
		try {
			await twice();
			expect(reads.mock.calls.length).toBeLessThanOrEqual(1);
			expect(streams).not.toHaveBeenCalled();
			vi.stubEnv('TANDEM_IMAGE_CACHE_MB', '0');
			await twice();
			expect(streams).toHaveBeenCalledTimes(4);
		} finally {
			vi.stubEnv('TANDEM_IMAGE_CACHE_MB', '');
			vi.restoreAllMocks();
		}
	});

	it('answers 304 with no body when the browser holds the same file', async () => {
		const response = await get(study.readers[0]!, assignment, {
			'if-none-match': `"other", ${etag}`
		});
		expect(response.status).toBe(304);
		expect(response.headers.get('etag')).toBe(etag);
		expect((await bytesOf(response)).length).toBe(0);
		expect((await get(study.readers[0]!, assignment, { 'if-none-match': '"other"' })).status).toBe(
			200
		);
	});

	it('answers a byte range with 206 and Content-Range, a suffix range and an open-ended one too', async () => {
		const head = await get(study.readers[0]!, assignment, { range: 'bytes=128-131' });
		expect(head.status).toBe(206);
		expect(head.headers.get('content-range')).toBe(`bytes 128-131/${file.length}`);
		expect(head.headers.get('content-length')).toBe('4');
		expect(new TextDecoder().decode(await bytesOf(head))).toBe('DICM');
		const tail = await get(study.readers[0]!, assignment, { range: 'bytes=-10' });
		expect(tail.headers.get('content-range')).toBe(
			`bytes ${file.length - 10}-${file.length - 1}/${file.length}`
		);
		expect(await bytesOf(tail)).toEqual(new Uint8Array(file.subarray(file.length - 10)));
		const rest = await get(study.readers[0]!, assignment, { range: `bytes=${file.length - 3}-` });
		expect(await bytesOf(rest)).toEqual(new Uint8Array(file.subarray(file.length - 3)));
	});

	it('answers 416 for a range past the end, and the whole file when If-Range names another version', async () => {
		const past = await get(study.readers[0]!, assignment, { range: `bytes=${file.length}-` });
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe(`bytes */${file.length}`);
		const stale = await get(study.readers[0]!, assignment, {
			range: 'bytes=0-3',
			'if-range': '"an-older-version"'
		});
		expect(stale.status).toBe(200);
		expect((await bytesOf(stale)).length).toBe(file.length);
	});

	it("refuses another reader's assignment, even with a matching ETag", async () => {
		await expect(get(study.readers[1]!, assignment)).rejects.toMatchObject({
			status: 404,
			body: { message: 'No such assignment.' }
		});
		await expect(
			get(study.readers[1]!, assignment, { 'if-none-match': etag })
		).rejects.toMatchObject({
			status: 404
		});
	});

	it('refuses the images of a case once its read is submitted (no 304, no range)', async () => {
		const [other] = (
			await readerAssignments(study.db, study.readers[0]!.email, { period: 1 })
		).slice(1);
		expect((await get(study.readers[0]!, other!.id)).status).toBe(200);
		await submitRead(study.db, study.readers[0]!, {
			assignment: other!.id,
			clientId: 'image-route-1',
			decision: 1,
			confidence: 40
		});
		const asked: Record<string, string>[] = [{}, { 'if-none-match': etag }, { range: 'bytes=0-3' }];
		for (const headers of asked)
			await expect(get(study.readers[0]!, other!.id, headers)).rejects.toMatchObject({
				status: 409,
				body: { message: 'This case has been read.' }
			});
	});
});
