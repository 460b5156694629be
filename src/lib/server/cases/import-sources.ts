// Where imported images come from: a folder of DICOM files in any layout, or a PACS over
// DICOMweb. A source lists items first (so progress has a total), then reads them one by one.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DicomwebClient, type Fetch } from '../dicom/dicomweb/dicomweb-client';
import { KEY_ATTRIBUTE, type CaseMatcher } from './case-matching';

export interface SourceItem {
	/** Where the item is, for the operator: a path inside the folder, or the instance's WADO-RS path. */
	label: string;
	/** The original SOP Instance UID when known before reading (DICOMweb), so a resumed import skips the download. */
	sopInstanceUid?: string;
	read(): Promise<Uint8Array>;
}

export interface ImportSource {
	kind: 'folder' | 'dicomweb';
	/** The absolute folder (recorded only as a keyed hash, see import-run.ts), or the base URL without credentials. */
	description: string;
	list(matcher: CaseMatcher, caseKeys: readonly string[]): Promise<SourceItem[]>;
}

/** Every regular file under `dir`, at any depth (symbolic links are not followed), in path order. */
export function folderSource(dir: string): ImportSource {
	const root = resolve(dir);
	return {
		kind: 'folder',
		description: root,
		async list() {
			const entries = await readdir(root, { recursive: true, withFileTypes: true });
			return entries
				.filter((entry) => entry.isFile())
				.map((entry) => join(entry.parentPath, entry.name))
				.sort()
				.map((path) => ({
					label: relative(root, path),
					read: async () => new Uint8Array(await readFile(path))
				}));
		}
	};
}

/**
 * A DICOMweb server: for each case, the studies whose key (accession number, study UID or patient
 * ID) the matcher gives for it (QIDO-RS), then every instance of those studies (WADO-RS).
 */
export function dicomwebSource(url: string, fetchImpl?: Fetch): ImportSource {
	const client = new DicomwebClient(url, fetchImpl);
	return {
		kind: 'dicomweb',
		description: client.baseUrl,
		async list(matcher, caseKeys) {
			const items: SourceItem[] = [];
			const seen = new Set<string>();
			for (const caseKey of caseKeys) {
				for (const value of matcher.valuesFor(caseKey)) {
					for (const studyUid of await client.findStudies(KEY_ATTRIBUTE[matcher.key], value)) {
						if (seen.has(studyUid)) continue;
						seen.add(studyUid);
						for (const ref of await client.instancesOfStudy(studyUid)) {
							items.push({
								label: `studies/${ref.studyInstanceUid}/series/${ref.seriesInstanceUid}/instances/${ref.sopInstanceUid}`,
								sopInstanceUid: ref.sopInstanceUid,
								read: () => client.retrieveInstance(ref)
							});
						}
					}
				}
			}
			return items;
		}
	};
}
