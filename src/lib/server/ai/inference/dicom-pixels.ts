// The images a model sees in one DICOM file, decoded by the server's one decoder
// (../../dicom/decode): every transfer syntax it reads, compressed or not.
//   - Multi-frame: each frame is one image of the case, in frame order; a case's images are its
//     files in task order with each file's frames in place (so "image k" counts frames).
//   - Greyscale (MONOCHROME1/2): the stored values and the Modality LUT (RescaleSlope/Intercept)
//     that turns them into HU. MONOCHROME1 is not inverted: the manifest's window is in modality
//     units, and inversion is a display step.
//   - Colour (RGB, YBR_* decoded to RGB, PALETTE COLOR through its palette): the models take one
//     channel, so a colour image is seen as its luminance Y = 0.299 R + 0.587 G + 0.114 B
//     (BT.601, the Y of YBR_FULL), in the 8- or 16-bit sample range, with slope 1, intercept 0.
// A file that cannot be decoded throws an Error saying why (syntax, frame, size), so the case
// fails alone with a clear reason.
import { applyPalette, luminance, openImage } from '../../dicom/decode/decode-image';

export interface StoredPixels {
	rows: number;
	columns: number;
	/** Stored values (or luminance), row-major, already masked/sign-extended to BitsStored. */
	values: Int32Array | Float64Array;
	/** HU = value × rescaleSlope + rescaleIntercept (PS3.3 C.11.1.1.2, Modality LUT). */
	rescaleSlope: number;
	rescaleIntercept: number;
}

/** Every frame of one Part-10 file as the model sees it; throws an Error saying what is wrong. */
export async function readImages(bytes: Uint8Array): Promise<StoredPixels[]> {
	const image = openImage(bytes);
	const { rows, columns, photometric } = image.pixelModule;
	const images: StoredPixels[] = [];
	for (let frame = 0; frame < image.frameCount; frame++) {
		const values = await image.decodeFrame(frame);
		if (photometric === 'RGB' || photometric === 'PALETTE COLOR') {
			const rgb = photometric === 'RGB' ? values : applyPalette(image.palette!, values);
			images.push({ rows, columns, values: luminance(rgb), rescaleSlope: 1, rescaleIntercept: 0 });
		} else {
			images.push({
				rows,
				columns,
				values,
				rescaleSlope: image.rescaleSlope,
				rescaleIntercept: image.rescaleIntercept
			});
		}
	}
	return images;
}

/** The single image of a single-frame file (a multi-frame file is refused: use readImages). */
export async function readStoredPixels(bytes: Uint8Array): Promise<StoredPixels> {
	const images = await readImages(bytes);
	if (images.length !== 1)
		throw new Error(`the file holds ${images.length} frames, one image was expected`);
	return images[0]!;
}
