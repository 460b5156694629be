// A small DICOMweb client (PS3.18): QIDO-RS to find studies, series and instances, WADO-RS to
// retrieve each instance as a Part-10 file, STOW-RS to store one (the DICOMweb image store). Works with any conformant server (Orthanc's DICOMweb
// plugin in the tests). Credentials in the URL become a Basic Authorization header and are
// never shown or stored.
import { boundaryOf, parseMultipart } from './multipart';

export type Fetch = typeof fetch;

export interface InstanceRef {
	studyInstanceUid: string;
	seriesInstanceUid: string;
	sopInstanceUid: string;
}

/** A DICOM JSON attribute (PS3.18 Annex F): { vr, Value }. */
type DicomJson = Record<string, { vr?: string; Value?: unknown[] }>;

export class DicomwebError extends Error {
	constructor(
		message: string,
		/** The server's HTTP status, when it answered. */
		readonly status?: number
	) {
		super(message);
		this.name = 'DicomwebError';
	}
}

export class DicomwebClient {
	readonly baseUrl: string;
	private readonly headers: Record<string, string>;

	constructor(
		url: string,
		private readonly fetchImpl: Fetch = fetch
	) {
		const parsed = new URL(url);
		this.headers = {};
		if (parsed.username || parsed.password) {
			const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
			this.headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
			parsed.username = '';
			parsed.password = '';
		}
		this.baseUrl = parsed.toString().replace(/\/+$/, '');
	}

	private async get(path: string, accept: string): Promise<Response> {
		return this.send(path, { headers: { accept } });
	}

	private async send(path: string, init: RequestInit & { headers: Record<string, string> }) {
		let response: Response;
		try {
			response = await this.fetchImpl(`${this.baseUrl}/${path}`, {
				...init,
				headers: { ...this.headers, ...init.headers }
			});
		} catch (error) {
			throw new DicomwebError(
				`${this.baseUrl}: ${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`
			);
		}
		if (!response.ok && response.status !== 204) {
			throw new DicomwebError(
				`${this.baseUrl}/${path.split('?')[0]}: HTTP ${response.status} ${response.statusText}`,
				response.status
			);
		}
		return response;
	}

	private async query(path: string): Promise<DicomJson[]> {
		const response = await this.get(path, 'application/dicom+json');
		if (response.status === 204) return [];
		const text = await response.text();
		if (text.trim() === '') return [];
		const parsed = JSON.parse(text) as unknown;
		if (!Array.isArray(parsed))
			throw new DicomwebError(`${path.split('?')[0]}: a QIDO-RS answer must be a JSON array`);
		return parsed as DicomJson[];
	}

	/** QIDO-RS: the Study Instance UIDs of the studies matching one attribute (e.g. AccessionNumber=…). */
	async findStudies(attribute: string, value: string): Promise<string[]> {
		const rows = await this.query(
			`studies?${encodeURIComponent(attribute)}=${encodeURIComponent(value)}&includefield=0020000D`
		);
		return rows
			.map((row) => firstString(row, '0020000D'))
			.filter((uid): uid is string => uid !== null);
	}

	/** QIDO-RS: every instance of a study, series by series. */
	async instancesOfStudy(studyInstanceUid: string): Promise<InstanceRef[]> {
		const series = await this.query(`studies/${encodeURIComponent(studyInstanceUid)}/series`);
		const refs: InstanceRef[] = [];
		for (const seriesUid of series
			.map((row) => firstString(row, '0020000E'))
			.filter((uid): uid is string => uid !== null)) {
			const instances = await this.query(
				`studies/${encodeURIComponent(studyInstanceUid)}/series/${encodeURIComponent(seriesUid)}/instances`
			);
			for (const row of instances) {
				const sopInstanceUid = firstString(row, '00080018');
				if (sopInstanceUid)
					refs.push({ studyInstanceUid, seriesInstanceUid: seriesUid, sopInstanceUid });
			}
		}
		return refs;
	}

	/** QIDO-RS: whether the server holds this instance. */
	async hasInstance(ref: InstanceRef): Promise<boolean> {
		const rows = await this.query(
			`studies/${encodeURIComponent(ref.studyInstanceUid)}/series/${encodeURIComponent(ref.seriesInstanceUid)}/instances?00080018=${encodeURIComponent(ref.sopInstanceUid)}`
		);
		return rows.some((row) => firstString(row, '00080018') === ref.sopInstanceUid);
	}

	/** STOW-RS: stores one Part-10 file; a failure the server reports (FailedSOPSequence) throws. */
	async storeInstance(bytes: Uint8Array): Promise<void> {
		const boundary = `tandem-${crypto.randomUUID()}`;
		const head = new TextEncoder().encode(
			`--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${bytes.length}\r\n\r\n`
		);
		const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
		const body = new Uint8Array(head.length + bytes.length + tail.length);
		body.set(head);
		body.set(bytes, head.length);
		body.set(tail, head.length + bytes.length);
		const response = await this.send('studies', {
			method: 'POST',
			body,
			headers: {
				accept: 'application/dicom+json',
				'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`
			}
		});
		const text = await response.text();
		const answer = text.trim() === '' ? {} : (JSON.parse(text) as DicomJson);
		const failed = answer['00081198']?.Value ?? [];
		if (failed.length > 0 || response.status === 202 || response.status === 409)
			throw new DicomwebError(`STOW-RS refused the instance (HTTP ${response.status})`);
	}

	/** Removes one instance (not every server allows it: a refusal throws with its status). */
	async deleteInstance(ref: InstanceRef): Promise<void> {
		await this.send(instancePath(ref), { method: 'DELETE', headers: {} });
	}

	/** WADO-RS: one instance as its Part-10 bytes, in the transfer syntax the server stores. */
	async retrieveInstance(ref: InstanceRef): Promise<Uint8Array> {
		const path = instancePath(ref);
		const response = await this.get(
			path,
			'multipart/related; type="application/dicom"; transfer-syntax=*'
		);
		const contentType = response.headers.get('content-type') ?? '';
		const body = new Uint8Array(await response.arrayBuffer());
		if (!/^multipart\/related/i.test(contentType)) {
			if (/application\/dicom/i.test(contentType)) return body;
			throw new DicomwebError(
				`WADO-RS answered ${contentType || 'without a content type'}, not multipart/related`
			);
		}
		const boundary = boundaryOf(contentType);
		if (!boundary) throw new DicomwebError('WADO-RS multipart answer without a boundary');
		const parts = parseMultipart(body, boundary);
		if (parts.length !== 1)
			throw new DicomwebError(`WADO-RS returned ${parts.length} parts for one instance`);
		return parts[0]!.body;
	}
}

function instancePath(ref: InstanceRef): string {
	return `studies/${encodeURIComponent(ref.studyInstanceUid)}/series/${encodeURIComponent(ref.seriesInstanceUid)}/instances/${encodeURIComponent(ref.sopInstanceUid)}`;
}

function firstString(row: DicomJson, tag: string): string | null {
	const value = row[tag]?.Value?.[0];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
