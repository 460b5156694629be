// The hanging tags of an image as the `images` table keeps them, and back as the resolver takes
// them (design/protocol/hanging-layout.ts).
import type { HangingImage } from '../../design/protocol/hanging-layout';
import { NO_HANGING_TAGS, type HangingTags } from '../dicom/hanging-tags';

export interface ImageHangingColumns {
	modality: string | null;
	laterality: string | null;
	viewPosition: string | null;
	seriesDescription: string | null;
	seriesNumber: number | null;
	patientOrientation: string | null;
	studyInstanceUid: string | null;
	studyDateTime: string | null;
}

export function hangingColumns(tags: HangingTags | undefined): ImageHangingColumns {
	const t = { ...NO_HANGING_TAGS, ...tags };
	return {
		modality: t.modality,
		laterality: t.laterality,
		viewPosition: t.view,
		seriesDescription: t.seriesDescription,
		seriesNumber: t.seriesNumber,
		patientOrientation: t.patientOrientation,
		studyInstanceUid: t.study,
		studyDateTime: t.studyDateTime
	};
}

export function hangingImage(position: number, row: ImageHangingColumns): HangingImage {
	return {
		position,
		modality: row.modality,
		laterality: row.laterality,
		view: row.viewPosition,
		seriesDescription: row.seriesDescription,
		seriesNumber: row.seriesNumber,
		patientOrientation: row.patientOrientation,
		study: row.studyInstanceUid,
		studyDateTime: row.studyDateTime
	};
}
