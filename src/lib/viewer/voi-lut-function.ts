// VOILUTFunction (0028,1056) for the image loader. The wadouri metadata provider gives it as the
// bare string of the header, but @cornerstonejs/dicom-image-loader's createImage takes its first
// element (`voiLUTFunction[0]`): 'LINEAR' became 'L', and Cornerstone refused to draw the image
// ("Invalid VOI LUT function") — every file carrying the attribute, as mammograms usually do.
// A higher-priority provider hands the loader the VOI LUT module with the function as a
// one-element list of a value Cornerstone knows; the pixels are not touched.
import type * as CoreModule from '@cornerstonejs/core';

const KNOWN = ['LINEAR', 'LINEAR_EXACT', 'SIGMOID'] as const;
type VoiLutFunction = (typeof KNOWN)[number];

/** The function a header value names (its first value); LINEAR (the default) for one unknown. */
export function voiLutFunctionOf(value: unknown): VoiLutFunction | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first !== 'string') return undefined;
	const name = first.split('\\')[0]!.trim().toUpperCase();
	if (!name) return undefined;
	return (KNOWN as readonly string[]).includes(name) ? (name as VoiLutFunction) : 'LINEAR';
}

/** The VOI LUT module with its function as a one-element list (unchanged without one). */
export function normalisedVoiLut(module: unknown): unknown {
	if (!module || typeof module !== 'object') return module;
	const { voiLUTFunction } = module as { voiLUTFunction?: unknown };
	const known = voiLutFunctionOf(voiLUTFunction);
	return known ? { ...module, voiLUTFunction: [known] } : module;
}

/** Registers the provider before the loader's (priority above its 0). */
export function provideVoiLutFunction(core: typeof CoreModule): void {
	const type = core.Enums.MetadataModules.VOI_LUT;
	let inside = false;
	core.metaData.addProvider((asked: string, imageId: string) => {
		if (asked !== type || inside) return undefined;
		inside = true;
		try {
			return normalisedVoiLut(core.metaData.get(type, imageId));
		} finally {
			inside = false;
		}
	}, 1000);
}
