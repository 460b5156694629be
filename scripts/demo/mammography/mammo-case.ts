// Renders, compresses and writes the four views of one mammography demo case.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
	encodeJpeg2000,
	encodeJpegLs,
	encodeRle,
	JPEG_2000_LOSSLESS,
	JPEG_LS_LOSSLESS,
	RLE_LOSSLESS
} from './encode-pixels';
import { COLUMNS, ROWS, VIEWS, type Compression, type MammoCasePlan } from './mammo-plan';
import { writeMammogram } from './mammo-writer';
import { renderView } from './render-view';

export const TRANSFER_SYNTAX: Readonly<Record<Compression, string>> = {
	jpeg2000: JPEG_2000_LOSSLESS,
	'jpeg-ls': JPEG_LS_LOSSLESS,
	rle: RLE_LOSSLESS
};

const FRAME = { width: COLUMNS, height: ROWS, bitsPerSample: 12 };

/** The compressed frame of `pixels` in the case's transfer syntax. */
export async function compressFrame(
	compression: Compression,
	pixels: Uint16Array
): Promise<Uint8Array> {
	if (compression === 'jpeg2000') return encodeJpeg2000(pixels, FRAME);
	if (compression === 'jpeg-ls') return encodeJpegLs(pixels, FRAME);
	return encodeRle(pixels, FRAME);
}

/** The file name of a view: instance number and view, e.g. "3-R-MLO.dcm". */
export function viewFileName(instance: number, view: string): string {
	return `${instance}-${view}.dcm`;
}

/** Writes images/<case>/1-R-CC.dcm … 4-L-MLO.dcm (the folder replaced as a whole); returns bytes. */
export async function writeMammoCase(
	plan: MammoCasePlan,
	seed: number,
	outDir: string
): Promise<number> {
	const caseDir = join(outDir, 'images', plan.caseId);
	await rm(caseDir, { recursive: true, force: true });
	await mkdir(caseDir, { recursive: true });
	let bytes = 0;
	for (const [index, view] of VIEWS.entries()) {
		const pixels = renderView(plan, view.name, index);
		const frame = await compressFrame(plan.compression, pixels);
		const file = writeMammogram({
			plan,
			seed,
			side: view.side,
			position: view.position,
			instance: index + 1,
			transferSyntax: TRANSFER_SYNTAX[plan.compression],
			frame
		});
		await writeFile(join(caseDir, viewFileName(index + 1, view.name)), file);
		bytes += file.length;
	}
	return bytes;
}
