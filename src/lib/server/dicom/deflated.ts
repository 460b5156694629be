// Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, PS3.5 §A.5): the data set after the
// file meta header is raw-deflated. dcmjs cannot read such files, so the data set is inflated here
// (bounded, against a deflate bomb) and the file rewritten as Explicit VR Little Endian — the
// same attributes and pixels, stored uncompressed (domain/part10-meta.ts).
import { inflateRawSync } from 'node:zlib';
import { DicomFileProblem } from './dicom-file';
import { MetaHeaderProblem, deflatedMeta, withInflatedDataSet } from '../../domain/part10-meta';

/** A deflated data set may inflate to at most this many bytes. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** The file as Explicit VR Little Endian when it is deflated; otherwise the same bytes. */
export function inflateDeflated(bytes: Uint8Array): Uint8Array {
	let meta;
	try {
		meta = deflatedMeta(bytes);
	} catch (error) {
		if (error instanceof MetaHeaderProblem) throw new DicomFileProblem(error.message);
		throw error;
	}
	if (!meta) return bytes;
	let dataset: Uint8Array;
	try {
		dataset = inflateRawSync(bytes.subarray(meta.at(-1)!.end), {
			maxOutputLength: MAX_INFLATED_BYTES
		});
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new DicomFileProblem(
			code === 'ERR_BUFFER_TOO_LARGE'
				? `its deflated data set inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB`
				: 'its deflated data set is damaged and cannot be inflated'
		);
	}
	return withInflatedDataSet(bytes, meta, dataset);
}
