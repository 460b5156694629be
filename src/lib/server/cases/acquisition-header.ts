// The acquisition parameters an image is stratified by (seed 000/001: the test set's technique
// mix), taken at import into imported_instances.header_json: kVp, tube current, slice thickness
// and reconstruction kernel from the de-identified file (the allow-list keeps them), and only
// whether a contrast agent was given — ContrastBolusAgent (0018,0010) is free text that may name
// a lot or a person, so its value is never kept, only its presence.
import type { ElementMap } from 'dcmjs';
import { TAG, number, text, texts } from '../dicom/dicom-file';

export const ACQUISITION_TAG = {
	kvp: '00180060',
	tubeCurrent: '00181151',
	sliceThickness: TAG.sliceThickness,
	kernel: '00181210',
	contrastAgent: '00180010'
} as const;

export interface AcquisitionHeader {
	/** KVP (0018,0060), kV. */
	kvp: number | null;
	/** XRayTubeCurrent (0018,1151), mA. */
	tubeCurrent: number | null;
	/** SliceThickness (0018,0050), mm. */
	sliceThickness: number | null;
	/** ConvolutionKernel (0018,1210), its values joined by "\\". */
	kernel: string | null;
	/** Whether ContrastBolusAgent (0018,0010) has a value in the source file. */
	contrast: boolean;
}

/** `source`: the file as it came in; `deidentified`: the file as it is stored. */
export function acquisitionHeader(source: ElementMap, deidentified: ElementMap): AcquisitionHeader {
	const kernel = texts(deidentified[ACQUISITION_TAG.kernel])
		.map((value) => value.trim())
		.filter((value) => value !== '');
	return {
		kvp: number(deidentified, ACQUISITION_TAG.kvp),
		tubeCurrent: number(deidentified, ACQUISITION_TAG.tubeCurrent),
		sliceThickness: number(deidentified, ACQUISITION_TAG.sliceThickness),
		kernel: kernel.length > 0 ? kernel.join('\\') : null,
		contrast: text(source, ACQUISITION_TAG.contrastAgent) !== null
	};
}
