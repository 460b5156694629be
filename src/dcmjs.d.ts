// Typings for the parts of dcmjs 0.52 Tandem uses (dcmjs ships no types): the demo generator,
// the test fixtures and the case import (src/lib/server/dicom).
declare module 'dcmjs' {
	/** A denaturalized element: value representation and values, keyed by 8-hex-digit tag. */
	export interface DicomElement {
		vr: string;
		Value?: unknown[];
		/** The value as read, before dcmjs formatted it; written back when Value is unchanged. */
		_rawValue?: unknown;
	}
	export type ElementMap = Record<string, DicomElement>;

	export interface DicomDict {
		meta: ElementMap;
		dict: ElementMap;
		write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
	}

	/** One data-dictionary entry, e.g. { tag: '(0010,0010)', vr: 'PN', vm: '1', name: 'PatientName' }. */
	export interface DictionaryEntry {
		tag: string;
		vr: string;
		vm: string;
		name: string;
		version: string;
	}

	const dcmjs: {
		data: {
			DicomDict: new (meta: ElementMap) => DicomDict;
			DicomMessage: {
				readFile(
					buffer: ArrayBuffer,
					options?: Record<string, unknown>
				): { meta: ElementMap; dict: ElementMap };
			};
			DicomMetaDictionary: {
				denaturalizeDataset(dataset: Record<string, unknown>): ElementMap;
				naturalizeDataset(dataset: ElementMap): Record<string, unknown>;
				/** Entries by "(gggg,eeee)". */
				dictionary: Record<string, DictionaryEntry>;
				/** Entries by keyword. */
				nameMap: Record<string, DictionaryEntry>;
			};
		};
	};
	export default dcmjs;
}
