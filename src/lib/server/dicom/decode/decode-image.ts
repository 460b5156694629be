// The server's one DICOM decoder: Part-10 bytes → the pixel module after decoding and each
// frame's stored values, for every transfer syntax in transfer-syntax.ts. Used by the AI worker
// (ai/inference/dicom-pixels.ts), the burned-in preview (../preview-png.ts) and any other
// server-side pixel work. Errors are DicomDecodeErrors naming the syntax, frame or attribute.
import { decodeFrameBytes } from './codecs';
import { parseImage } from './parse';
import { decodedPhotometric, frameValues } from './photometric';
import { DicomDecodeError, type DecodedImage, type OpenedImage } from './types';

export { applyPalette, luminance } from './photometric';
export { TRANSFER_SYNTAXES } from './transfer-syntax';
export * from './types';

/** Parses the header; frames are decoded when asked for (one at a time keeps memory low). */
export function openImage(bytes: Uint8Array): OpenedImage {
	const image = parseImage(bytes);
	const photometric = decodedPhotometric(image.photometric);
	return {
		transferSyntaxUid: image.transferSyntaxUid,
		transferSyntaxName: image.syntax.name,
		lossySyntax: image.syntax.lossy,
		pixelModule: {
			rows: image.rows,
			columns: image.columns,
			samplesPerPixel: image.samplesPerPixel as 1 | 3,
			bitsAllocated: image.bitsAllocated as 8 | 16,
			bitsStored: image.bitsStored,
			signed: image.signed,
			photometric,
			storedPhotometric: image.photometric
		},
		frameCount: image.frameCount,
		rescaleSlope: image.rescaleSlope,
		rescaleIntercept: image.rescaleIntercept,
		...(image.palette ? { palette: image.palette } : {}),
		async decodeFrame(index) {
			if (!Number.isInteger(index) || index < 0 || index >= image.frameCount)
				throw new DicomDecodeError(
					`frame ${index + 1} does not exist (${image.frameCount} frames)`
				);
			const where = `${image.syntax.name} (${image.transferSyntaxUid}), frame ${index + 1} of ${image.frameCount}`;
			try {
				return frameValues(image, await decodeFrameBytes(image, image.frameBytes(index)));
			} catch (error) {
				if (error instanceof DicomDecodeError) throw error;
				throw new DicomDecodeError(`${where}: ${(error as Error).message ?? String(error)}`, {
					cause: error
				});
			}
		}
	};
}

/** Every frame (or the first `limit`) decoded. */
export async function decodeImage(
	bytes: Uint8Array,
	options: { limit?: number } = {}
): Promise<DecodedImage> {
	const { decodeFrame, ...header } = openImage(bytes);
	const count = Math.min(header.frameCount, options.limit ?? header.frameCount);
	const frames: Int32Array[] = [];
	for (let index = 0; index < count; index++) frames.push(await decodeFrame(index));
	return { ...header, frames };
}
