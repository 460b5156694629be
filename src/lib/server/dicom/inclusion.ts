// Inclusion checks on one image (CAS-3, seed 001 §5.3): the header data an analysis needs are
// present, the pixels were not lossy-compressed, and whether the pixels may carry burned-in text
// (CAS-2: pixel review for ultrasound, X-ray angiography and secondary captures). Findings are
// reported and stored, not silently accepted; what blocks a freeze is decided by the freeze.
import type { ElementMap } from 'dcmjs';
import { TAG, keywordOf, text, type DicomFile } from './dicom-file';

export interface InclusionFindings {
	modality: string | null;
	/** Keywords of required attributes that are absent or empty ("PixelSpacing|ImagerPixelSpacing" when either would do). */
	missingTags: string[];
	/** Why the pixels are (or may be) lossy-compressed; null when they are not. */
	lossy: string | null;
	/** Why a person should look at the pixels for burned-in identity; empty when no review is needed. */
	burnedIn: string[];
}

/** Lossy or possibly lossy transfer syntaxes (PS3.5 §A.4, PS3.6 Annex A). */
const LOSSY_TRANSFER_SYNTAXES: Readonly<Record<string, string>> = {
	'1.2.840.10008.1.2.4.50': 'JPEG Baseline (lossy)',
	'1.2.840.10008.1.2.4.51': 'JPEG Extended (lossy)',
	'1.2.840.10008.1.2.4.81': 'JPEG-LS near-lossless',
	'1.2.840.10008.1.2.4.91': 'JPEG 2000 (lossy allowed)',
	'1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 (lossy allowed)',
	'1.2.840.10008.1.2.4.100': 'MPEG-2 video (lossy)',
	'1.2.840.10008.1.2.4.101': 'MPEG-2 video (lossy)',
	'1.2.840.10008.1.2.4.102': 'MPEG-4 video (lossy)',
	'1.2.840.10008.1.2.4.103': 'MPEG-4 video (lossy)',
	'1.2.840.10008.1.2.4.104': 'MPEG-4 video (lossy)',
	'1.2.840.10008.1.2.4.105': 'MPEG-4 video (lossy)',
	'1.2.840.10008.1.2.4.106': 'MPEG-4 video (lossy)',
	'1.2.840.10008.1.2.4.107': 'HEVC video (lossy)',
	'1.2.840.10008.1.2.4.108': 'HEVC video (lossy)',
	'1.2.840.10008.1.2.4.111': 'JPEG XL JPEG recompression (lossy source)',
	'1.2.840.10008.1.2.4.112': 'JPEG XL (lossy allowed)',
	'1.2.840.10008.1.2.4.203': 'HTJ2K (lossy allowed)'
};

const SLICE_MODALITIES = new Set(['CT', 'MR', 'PT', 'NM']);
const PROJECTION_MODALITIES = new Set(['CR', 'DX', 'MG', 'IO', 'PX', 'RF', 'XA']);
/** Modalities whose pixels commonly hold burned-in names and dates. */
const BURNED_IN_MODALITIES = new Set(['US', 'XA', 'RF', 'ES']);
/** Secondary Capture Image Storage and its multi-frame forms (PS3.4 Annex B). */
const SECONDARY_CAPTURE_PREFIX = '1.2.840.10008.5.1.4.1.1.7';

const ALWAYS_REQUIRED = [
	TAG.modality,
	TAG.manufacturer,
	TAG.manufacturerModelName,
	TAG.sopClassUid,
	TAG.studyInstanceUid,
	TAG.seriesInstanceUid,
	TAG.rows,
	TAG.columns,
	TAG.bitsAllocated,
	TAG.photometricInterpretation
];

export function inclusionFindings(file: DicomFile): InclusionFindings {
	const { dict } = file;
	const modality = text(dict, TAG.modality);
	const missingTags = ALWAYS_REQUIRED.filter((tag) => !present(dict, tag)).map(keywordOf);
	if (modality && SLICE_MODALITIES.has(modality)) {
		for (const tag of [
			TAG.pixelSpacing,
			TAG.sliceThickness,
			TAG.imagePositionPatient,
			TAG.imageOrientationPatient
		]) {
			if (!present(dict, tag)) missingTags.push(keywordOf(tag));
		}
	}
	if (
		modality &&
		PROJECTION_MODALITIES.has(modality) &&
		!present(dict, TAG.pixelSpacing) &&
		!present(dict, TAG.imagerPixelSpacing)
	) {
		missingTags.push('PixelSpacing|ImagerPixelSpacing');
	}
	return {
		modality,
		missingTags,
		lossy: lossyReason(file),
		burnedIn: burnedInReasons(dict, modality)
	};
}

function lossyReason(file: DicomFile): string | null {
	const syntax = text(file.meta, TAG.transferSyntaxUid) ?? '';
	const named = LOSSY_TRANSFER_SYNTAXES[syntax];
	if (named) return `transfer syntax ${syntax}: ${named}`;
	if (text(file.dict, TAG.lossyImageCompression) === '01')
		return 'LossyImageCompression (0028,2110) is 01: lossy-compressed before';
	return null;
}

function burnedInReasons(dict: ElementMap, modality: string | null): string[] {
	const reasons: string[] = [];
	if (text(dict, TAG.burnedInAnnotation)?.toUpperCase() === 'YES')
		reasons.push('BurnedInAnnotation (0028,0301) is YES');
	if (modality && BURNED_IN_MODALITIES.has(modality))
		reasons.push(`modality ${modality}: pixels often carry burned-in text`);
	const sopClass = text(dict, TAG.sopClassUid) ?? '';
	if (sopClass === SECONDARY_CAPTURE_PREFIX || sopClass.startsWith(`${SECONDARY_CAPTURE_PREFIX}.`))
		reasons.push('a secondary capture: pixels may be a screenshot with text');
	return reasons;
}

/**
 * Present and non-empty, at the top level or inside a functional-group sequence (enhanced
 * multi-frame objects keep PixelSpacing and SliceThickness in PixelMeasuresSequence).
 */
function present(dict: ElementMap, tag: string, depth = 0): boolean {
	const element = dict[tag];
	if (
		element &&
		(element.Value ?? []).some((value) => value !== '' && value !== null && value !== undefined)
	)
		return true;
	if (depth >= 3) return false;
	return Object.values(dict).some(
		(candidate) =>
			candidate.vr === 'SQ' &&
			(candidate.Value ?? []).some((item) => present(item as ElementMap, tag, depth + 1))
	);
}
