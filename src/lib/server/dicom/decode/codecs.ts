// One frame's bytes → decoded little-endian samples, by the codec of its transfer syntax:
//   native (Implicit/Explicit LE, Deflated, Big Endian) — the bytes themselves (parse.ts swaps);
//   RLE Lossless — rle.ts;
//   JPEG Baseline (8-bit) — @cornerstonejs/codec-libjpeg-turbo-8bit (YCbCr → RGB in the codec);
//   JPEG Extended 12-bit — the dicom-image-loader's own JavaScript JPEG decoder (codecs/jpeg.js);
//   JPEG Lossless (Process 14, SV1) — @cornerstonejs/jpeg-lossless-decoder-js;
//   JPEG-LS — @cornerstonejs/codec-charls; JPEG 2000 — @cornerstonejs/codec-openjpeg;
//   HTJ2K — @cornerstonejs/codec-openjph.
// The decoded size and sample count are checked against the header (a mismatch is an error).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ParsedImage } from './parse';
import { decodeRle } from './rle';
import { decodeWithWasm, type CodecOutput } from './wasm-codecs';

const require = createRequire(import.meta.url);

export interface DecodedBytes {
	/** Little-endian samples, interleaved (YBR_FULL_422 native: Y Y Cb Cr per two pixels). */
	bytes: Uint8Array;
	bytesPerSample: 1 | 2;
	/** Whether the codec has already turned YCbCr into RGB. */
	colourConverted: boolean;
	/**
	 * 'bits': each sample is the stored bit pattern (masked to BitsStored, sign-extended when
	 * signed). 'unsigned' / 'signed': each sample is an integer of the sample's width (a JPEG 2000
	 * decoder's output), clamped to the stored range, since a lossy decode may overshoot it.
	 */
	samples: 'bits' | 'unsigned' | 'signed';
}

interface JpegImage {
	parse(data: Uint8Array): void;
	colorTransform?: boolean;
	getData(width: number, height: number): Uint8Array;
	getData16(width: number, height: number): Uint16Array;
}
let jpegImage: Promise<new () => JpegImage> | undefined;

/** The viewer's 12-bit JPEG decoder (not in the package's exports map: loaded by its path). */
function loadJpegImage(): Promise<new () => JpegImage> {
	jpegImage ??= (async () => {
		const root = require.resolve('@cornerstonejs/dicom-image-loader/package.json');
		const url = new URL('./dist/esm/codecs/jpeg.js', pathToFileURL(root));
		const module = (await import(/* @vite-ignore */ url.href)) as { default: new () => JpegImage };
		return module.default;
	})();
	return jpegImage;
}

type LosslessDecoder = new () => {
	decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): ArrayBufferView;
};
let lossless: Promise<LosslessDecoder> | undefined;

function checked(
	image: ParsedImage,
	output: CodecOutput,
	codec: string,
	samples: DecodedBytes['samples'] = 'bits'
): DecodedBytes {
	if (output.width !== image.columns || output.height !== image.rows)
		throw new Error(
			`size mismatch: ${codec} decoded ${output.width} × ${output.height}, the header says ${image.columns} × ${image.rows}`
		);
	if (output.components !== image.samplesPerPixel)
		throw new Error(
			`${codec} decoded ${output.components} component(s), SamplesPerPixel is ${image.samplesPerPixel}`
		);
	const bytesPerSample = output.bitsPerSample > 8 ? 2 : 1;
	const expected = image.rows * image.columns * image.samplesPerPixel * bytesPerSample;
	if (output.bytes.length < expected)
		throw new Error(`${codec} decoded ${output.bytes.length} bytes, ${expected} expected`);
	return {
		bytes: output.bytes.subarray(0, expected),
		bytesPerSample,
		// libjpeg-turbo turns JPEG's YCbCr into RGB itself; CharLS, OpenJPEG (after its inverse
		// RCT/ICT) and OpenJPH give the stored components.
		colourConverted: codec === 'libjpeg-turbo' && image.samplesPerPixel === 3,
		samples
	};
}

function planarToInterleaved(
	bytes: Uint8Array,
	pixels: number,
	bytesPerSample: number
): Uint8Array {
	const out = new Uint8Array(pixels * 3 * bytesPerSample);
	for (let pixel = 0; pixel < pixels; pixel++)
		for (let channel = 0; channel < 3; channel++)
			for (let byte = 0; byte < bytesPerSample; byte++)
				out[(pixel * 3 + channel) * bytesPerSample + byte] = bytes[
					(channel * pixels + pixel) * bytesPerSample + byte
				] as number;
	return out;
}

/** Decodes the bytes of one frame (see parse.ts frameBytes). */
export async function decodeFrameBytes(
	image: ParsedImage,
	frame: Uint8Array
): Promise<DecodedBytes> {
	const pixels = image.rows * image.columns;
	const nativeBytesPerSample = image.bitsAllocated === 16 ? 2 : 1;
	switch (image.syntax.codec) {
		case 'native': {
			const planar = image.samplesPerPixel === 3 && image.planarConfiguration === 1;
			return {
				bytes: planar ? planarToInterleaved(frame, pixels, nativeBytesPerSample) : frame,
				bytesPerSample: nativeBytesPerSample,
				colourConverted: false,
				samples: 'bits'
			};
		}
		case 'rle':
			return {
				bytes: decodeRle(
					frame,
					image.rows,
					image.columns,
					image.samplesPerPixel,
					nativeBytesPerSample
				),
				bytesPerSample: nativeBytesPerSample,
				colourConverted: false,
				samples: 'bits'
			};
		case 'jpeg-baseline':
		case 'jpeg-extended': {
			if (image.bitsStored <= 8)
				return checked(image, await decodeWithWasm('JPEGDecoder', frame), 'libjpeg-turbo');
			const Jpeg = await loadJpegImage();
			const jpeg = new Jpeg();
			jpeg.parse(frame);
			jpeg.colorTransform = false;
			const data = jpeg.getData16(image.columns, image.rows);
			if (data.length !== pixels * image.samplesPerPixel)
				throw new Error(
					`the 12-bit JPEG decoder returned ${data.length} samples, ${pixels * image.samplesPerPixel} expected`
				);
			return {
				bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
				bytesPerSample: 2,
				colourConverted: false,
				samples: 'bits'
			};
		}
		case 'jpeg-lossless': {
			lossless ??= import('@cornerstonejs/jpeg-lossless-decoder-js').then(
				(module) => module.Decoder as unknown as LosslessDecoder
			);
			const Decoder = await lossless;
			const copy = frame.slice();
			const decoded = new Decoder().decode(copy.buffer, 0, copy.length, nativeBytesPerSample);
			const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
			const expected = pixels * image.samplesPerPixel * nativeBytesPerSample;
			if (bytes.length < expected)
				throw new Error(
					`size mismatch: JPEG Lossless decoded ${bytes.length} bytes, ${expected} expected`
				);
			return {
				bytes: bytes.subarray(0, expected),
				bytesPerSample: nativeBytesPerSample,
				colourConverted: false,
				samples: 'bits'
			};
		}
		case 'jpeg-ls':
			return checked(image, await decodeWithWasm('JpegLSDecoder', frame), 'CharLS');
		case 'jpeg-2000': {
			const output = await decodeWithWasm('J2KDecoder', frame);
			return checked(image, output, 'OpenJPEG', output.signed ? 'signed' : 'unsigned');
		}
		case 'htj2k': {
			const output = await decodeWithWasm('HTJ2KDecoder', frame);
			return checked(image, output, 'OpenJPH', output.signed ? 'signed' : 'unsigned');
		}
	}
}
