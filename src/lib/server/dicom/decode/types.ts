// What the server-side decoder returns: the image pixel module as it is after decoding, and each
// frame's stored values. No display transform is applied: MONOCHROME1 stays as stored (reported,
// not inverted), the Modality LUT (rescale) is reported, not applied.

/** Why an image cannot be decoded; the message names the attribute, syntax or frame at fault. */
export class DicomDecodeError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DicomDecodeError';
	}
}

export type DecodedPhotometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'PALETTE COLOR';

export interface PixelModule {
	rows: number;
	columns: number;
	/** 1 (grey or palette indices) or 3 (RGB, interleaved R, G, B per pixel). */
	samplesPerPixel: 1 | 3;
	bitsAllocated: 8 | 16;
	bitsStored: number;
	signed: boolean;
	/** After decoding: YBR_FULL, YBR_FULL_422, YBR_RCT and YBR_ICT come out as RGB. */
	photometric: DecodedPhotometric;
	/** As the file declares it (e.g. YBR_FULL_422 for a JPEG baseline colour image). */
	storedPhotometric: string;
}

/** A palette's three 16-bit (or 8-bit) lookup tables and their descriptor (PS3.3 §C.7.6.3.1.5). */
export interface Palette {
	firstMapped: number;
	bits: 8 | 16;
	red: Uint16Array;
	green: Uint16Array;
	blue: Uint16Array;
}

export interface ImageHeader {
	transferSyntaxUid: string;
	/** The transfer syntax's name ("JPEG 2000 Lossless", …). */
	transferSyntaxName: string;
	lossySyntax: boolean;
	pixelModule: PixelModule;
	frameCount: number;
	/** Modality LUT: value × slope + intercept (1 and 0 when absent). */
	rescaleSlope: number;
	rescaleIntercept: number;
	palette?: Palette;
}

/** An opened image: its header, and its frames decoded on demand (0-based index). */
export interface OpenedImage extends ImageHeader {
	decodeFrame(index: number): Promise<Int32Array>;
}

export interface DecodedImage extends ImageHeader {
	/** Stored values per frame, row-major; colour as R, G, B interleaved. */
	frames: Int32Array[];
}
