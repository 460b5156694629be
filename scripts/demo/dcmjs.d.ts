// Minimal typings for the parts of dcmjs 0.52 the demo generator uses (dcmjs ships no types).
// If a project-wide declaration appears (e.g. src/dcmjs.d.ts), this file can go.
declare module 'dcmjs' {
	/** A denaturalized element: value representation and values, keyed by 8-hex-digit tag. */
	interface DicomElement {
		vr: string;
		Value?: unknown[];
	}
	type ElementMap = Record<string, DicomElement>;

	interface DicomDict {
		meta: ElementMap;
		dict: ElementMap;
		write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
	}

	const dcmjs: {
		data: {
			DicomDict: new (meta: ElementMap) => DicomDict;
			DicomMessage: {
				readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): { meta: ElementMap; dict: ElementMap };
			};
			DicomMetaDictionary: {
				denaturalizeDataset(dataset: Record<string, unknown>): ElementMap;
				naturalizeDataset(dataset: ElementMap): Record<string, unknown>;
			};
		};
	};
	export default dcmjs;
}
