// The image folders of a study folder's cases: each confined to the study folder (symlinks
// followed), each case's own (two cases never share a real folder), each read and hashed once.
import { readFileSync, readdirSync } from 'node:fs';
import type { CaseRecord } from '../../design/protocol/case-table';
import { sha256Hex } from '../crypto/hash';
import { imageFrames } from '../dicom/image-size';
import { ProtocolFileError, confinedPath } from './protocol-files';
import { readHangingTags } from '../dicom/hanging-tags';
import { hangingColumns, type ImageHangingColumns } from '../cases/image-hanging';

export interface StudyImage extends ImageHangingColumns {
	ordinal: number;
	path: string;
	sha256: string;
	sizeBytes: number;
	/** NumberOfFrames from the header (1 when single-frame). */
	frames: number;
}

export interface ImageProblem {
	severity: 'error' | 'warning';
	file: string;
	line?: number;
	field?: string;
	message: string;
}

/** The most .dcm files one case's folder may hold. */
export const MAX_IMAGES_PER_CASE = 5_000;

export function collectImages(
	realDir: string,
	casesFile: string,
	records: CaseRecord[],
	problems: ImageProblem[]
): Map<string, StudyImage[]> {
	const byCase = new Map<string, StudyImage[]>();
	const owners = new Map<string, CaseRecord>();
	for (const record of records) {
		const place = { severity: 'error' as const, file: casesFile, line: record.line };
		const problem = (message: string) => problems.push({ ...place, field: 'images', message });
		let folder: string;
		try {
			folder = confinedPath(realDir, record.imageFolder, 'folder');
		} catch (error) {
			if (!(error instanceof ProtocolFileError)) throw error;
			problem(error.message);
			continue;
		}
		const owner = owners.get(folder);
		if (owner) {
			problem(
				`case ${record.caseKey} uses the image folder "${record.imageFolder}" of case ${owner.caseKey} (line ${owner.line}): each case needs its own folder`
			);
			continue;
		}
		owners.set(folder, record);
		const names = readdirSync(folder)
			.filter((name) => name.toLowerCase().endsWith('.dcm'))
			.sort();
		if (names.length === 0) {
			problem(`image folder "${record.imageFolder}" has no .dcm files`);
			continue;
		}
		if (names.length > MAX_IMAGES_PER_CASE) {
			problem(
				`image folder "${record.imageFolder}" has more than ${MAX_IMAGES_PER_CASE.toLocaleString('en-US')} .dcm files`
			);
			continue;
		}
		const images: StudyImage[] = [];
		for (const [index, name] of names.entries()) {
			const shown = `${record.imageFolder}/${name}`;
			let path: string;
			try {
				path = confinedPath(realDir, shown, 'file');
			} catch (error) {
				if (!(error instanceof ProtocolFileError)) throw error;
				problem(error.message);
				continue;
			}
			const bytes = readFileSync(path);
			if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') {
				problem(`${shown} is not a DICOM Part-10 file (no DICM prefix)`);
				continue;
			}
			const sha256 = sha256Hex(bytes);
			images.push({
				ordinal: index + 1,
				path: shown,
				sha256,
				sizeBytes: bytes.length,
				frames: imageFrames(path, sha256),
				...hangingColumns(readHangingTags(bytes))
			});
		}
		byCase.set(record.caseKey, images);
	}
	return byCase;
}
