// A stored DICOM file as an HTTP response, exactly as stored (no transcoding, no lossy compression:
// READ-5), cached privately: the reading, annotation and adjudication image routes answer with it
// once their service has checked the caller may see the file.
import { readFile } from 'node:fs/promises';

export async function dicomFileResponse(path: string): Promise<Response> {
	const bytes = await readFile(path);
	// The bytes as the one chunk of a stream: a Response made from the bytes themselves copies them
	// first (the workstation fetches a few of these files per case).
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(bytes);
			controller.close();
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'application/dicom',
			'Content-Length': String(bytes.length),
			'Cache-Control': 'private, max-age=3600'
		}
	});
}
