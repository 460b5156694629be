// A small DICOMweb client (PS3.18): QIDO-RS to find studies, series and instances, WADO-RS to
// retrieve each instance as a Part-10 file. Works with any conformant server (Orthanc's DICOMweb
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
	constructor(message: string) {
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
		let response: Response;
		try {
			response = await this.fetchImpl(`${this.baseUrl}/${path}`, {
				headers: { ...this.headers, accept }
			});
		} catch (error) {
			throw new DicomwebError(
				`${this.baseUrl}: ${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`
			);
		}
		if (!response.ok && response.status !== 204) {
			throw new DicomwebError(
				`${this.baseUrl}/${path.split('?')[0]}: HTTP ${response.status} ${response.statusText}`
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

	/** WADO-RS: one instance as its Part-10 bytes, in the transfer syntax the server stores. */
	async retrieveInstance(ref: InstanceRef): Promise<Uint8Array> {
		const path = `studies/${encodeURIComponent(ref.studyInstanceUid)}/series/${encodeURIComponent(ref.seriesInstanceUid)}/instances/${encodeURIComponent(ref.sopInstanceUid)}`;
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

function firstString(row: DicomJson, tag: string): string | null {
	const value = row[tag]?.Value?.[0];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
