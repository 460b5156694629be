// Lesion marks checked against the case's images as they are served: each mark on an image the
// case has (and on a frame that image has, when it names one), at a pixel inside that image (0 … columns − 1, 0 … rows − 1, as the workstation
// places them), a box mark's box wholly inside it. An image whose header gives no size is checked for its number only.
import type { DbOrTx } from '../db/client';
import { InputError } from '../errors';
import { caseImageFiles } from './case-image-files';
import { imageSize } from '../dicom/image-size';
import type { LesionMark } from '../../domain/read.schema';

/** Throws an InputError naming the first mark at fault; `prefix` says where the marks came from ('draft: '). */
export async function checkMarks(
	tx: DbOrTx,
	caseId: number,
	marks: readonly LesionMark[],
	prefix = ''
): Promise<void> {
	if (marks.length === 0) return;
	const files = await caseImageFiles(tx, caseId);
	marks.forEach((mark, index) => {
		const file = files[mark.image - 1];
		if (!file) {
			const count = `${files.length} image${files.length === 1 ? '' : 's'}`;
			throw new InputError(
				`${prefix}marks.${index}.image: this case has ${count}`,
				`marks.${index}.image`
			);
		}
		if (mark.frame !== undefined && mark.frame > file.frames)
			throw new InputError(
				file.frames === 1
					? `${prefix}marks.${index}.frame: image ${mark.image} is a single-frame image`
					: `${prefix}marks.${index}.frame: image ${mark.image} has ${file.frames} frames`,
				`marks.${index}.frame`
			);
		const size = imageSize(file.path, file.sha256);
		if (size && (mark.x > size.columns - 1 || mark.y > size.rows - 1))
			throw new InputError(
				`${prefix}marks.${index}: (${mark.x}, ${mark.y}) is outside image ${mark.image} (${size.columns} × ${size.rows} pixels)`,
				`marks.${index}`
			);
		const box = mark.box;
		if (size && box && (box.x1 > size.columns - 1 || box.y1 > size.rows - 1))
			throw new InputError(
				`${prefix}marks.${index}.box: (${box.x0}, ${box.y0})–(${box.x1}, ${box.y1}) reaches outside image ${mark.image} (${size.columns} × ${size.rows} pixels)`,
				`marks.${index}.box`
			);
	});
}
