// From decoded bytes to stored values, and the colour conversions after decoding:
//   - samples are masked to BitsStored and, when signed, sign-extended from bit BitsStored − 1;
//   - YBR_FULL and YBR_FULL_422 become RGB (PS3.3 §C.7.6.3.1.2; BT.601 full range, rounded and
//     clamped) unless the codec did it (JPEG baseline); YBR_RCT / YBR_ICT come out of JPEG 2000
//     as RGB already;
//   - MONOCHROME1 and PALETTE COLOR stay as stored (reported, not applied).
import type { DecodedBytes } from './codecs';
import type { ParsedImage } from './parse';
import { DicomDecodeError, type DecodedPhotometric, type Palette } from './types';

/** The photometric interpretation of the decoded values. */
export function decodedPhotometric(stored: string): DecodedPhotometric {
	if (stored === 'MONOCHROME1' || stored === 'MONOCHROME2' || stored === 'PALETTE COLOR')
		return stored;
	if (['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_RCT', 'YBR_ICT'].includes(stored)) return 'RGB';
	throw new DicomDecodeError(`PhotometricInterpretation ${stored} is not decoded here`);
}

function storedValues(image: ParsedImage, decoded: DecodedBytes, count: number): Int32Array {
	const { bytes, bytesPerSample } = decoded;
	if (bytes.length < count * bytesPerSample)
		throw new DicomDecodeError(`size mismatch: ${bytes.length} decoded bytes for ${count} samples`);
	const values = new Int32Array(count);
	const bits = image.bitsStored;
	const mask = 2 ** bits - 1;
	const shift = 32 - bits;
	const [low, high] = image.signed ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, mask];
	const width = 32 - bytesPerSample * 8;
	for (let index = 0; index < count; index++) {
		const raw =
			bytesPerSample === 2
				? (bytes[index * 2] as number) | ((bytes[index * 2 + 1] as number) << 8)
				: (bytes[index] as number);
		if (decoded.samples === 'bits') {
			values[index] = image.signed ? (raw << shift) >> shift : raw & mask;
		} else {
			const value = decoded.samples === 'signed' ? (raw << width) >> width : raw;
			values[index] = value < low ? low : value > high ? high : value;
		}
	}
	return values;
}

const clamp = (value: number, high: number) =>
	value < 0 ? 0 : value > high ? high : Math.round(value);

function ybrToRgb(values: Int32Array, high: number): void {
	const half = (high + 1) / 2;
	for (let at = 0; at + 2 < values.length; at += 3) {
		const y = values[at] as number;
		const cb = (values[at + 1] as number) - half;
		const cr = (values[at + 2] as number) - half;
		values[at] = clamp(y + 1.402 * cr, high);
		values[at + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr, high);
		values[at + 2] = clamp(y + 1.772 * cb, high);
	}
}

/** Native YBR_FULL_422: Y1 Y2 Cb Cr per pair of pixels → Y Cb Cr per pixel. */
function expand422(packed: Int32Array, rows: number, columns: number): Int32Array {
	const out = new Int32Array(rows * columns * 3);
	const pairs = Math.ceil(columns / 2);
	for (let row = 0; row < rows; row++)
		for (let pair = 0; pair < pairs; pair++) {
			const at = (row * pairs + pair) * 4;
			for (let k = 0; k < 2 && pair * 2 + k < columns; k++) {
				const pixel = (row * columns + pair * 2 + k) * 3;
				out[pixel] = packed[at + k] as number;
				out[pixel + 1] = packed[at + 2] as number;
				out[pixel + 2] = packed[at + 3] as number;
			}
		}
	return out;
}

/** Decoded bytes of one frame → its stored values (colour as RGB interleaved). */
export function frameValues(image: ParsedImage, decoded: DecodedBytes): Int32Array {
	const pixels = image.rows * image.columns;
	const high = 2 ** image.bitsStored - 1;
	if (
		image.photometric === 'YBR_FULL_422' &&
		!decoded.colourConverted &&
		image.syntax.codec === 'native'
	) {
		const packed = storedValues(image, decoded, Math.ceil(image.columns / 2) * 4 * image.rows);
		const values = expand422(packed, image.rows, image.columns);
		ybrToRgb(values, high);
		return values;
	}
	const values = storedValues(image, decoded, pixels * image.samplesPerPixel);
	if (
		(image.photometric === 'YBR_FULL' || image.photometric === 'YBR_FULL_422') &&
		!decoded.colourConverted
	)
		ybrToRgb(values, high);
	return values;
}

/** Palette indices → 8-bit RGB interleaved (each 16-bit entry's high byte). */
export function applyPalette(palette: Palette, indices: Int32Array): Uint8Array {
	const out = new Uint8Array(indices.length * 3);
	const last = palette.red.length - 1;
	const shift = palette.bits === 16 ? 8 : 0;
	for (let pixel = 0; pixel < indices.length; pixel++) {
		const entry = Math.min(last, Math.max(0, (indices[pixel] as number) - palette.firstMapped));
		out[pixel * 3] = (palette.red[entry] as number) >> shift;
		out[pixel * 3 + 1] = (palette.green[entry] as number) >> shift;
		out[pixel * 3 + 2] = (palette.blue[entry] as number) >> shift;
	}
	return out;
}

/** RGB interleaved → luminance Y = 0.299 R + 0.587 G + 0.114 B (BT.601), unrounded. */
export function luminance(rgb: ArrayLike<number>): Float64Array {
	const out = new Float64Array(Math.floor(rgb.length / 3));
	for (let pixel = 0; pixel < out.length; pixel++)
		out[pixel] =
			0.299 * (rgb[pixel * 3] as number) +
			0.587 * (rgb[pixel * 3 + 1] as number) +
			0.114 * (rgb[pixel * 3 + 2] as number);
	return out;
}
