// Measurements checked against the case's images as they are served: each on an image the case
// has, its points inside that image, its calibration the one the image's header gives, its length,
// angle or area what its points make with that spacing (measurement.ts), its ROI values in HU
// exactly when the image's Modality LUT gives HU, and a lesion-mark confidence on each ROI exactly
// when the protocol counts ROIs as marks (rating.measurement_marks). An ROI's mean and SD need the
// pixels and are the workstation's; the server does not decode images here.
import type { DbOrTx } from '../db/client';
import { InputError } from '../errors';
import { caseImageFiles } from './case-image-files';
import { imageCalibration } from '../dicom/image-calibration';
import { geometryProblem, type Measurement } from '../../domain/measurement';
import type { Protocol } from '../../design/protocol/protocol.schema';

/** Throws an InputError naming the first measurement at fault; `prefix` says where they came from ('draft: '). */
export async function checkMeasurements(
	tx: DbOrTx,
	caseId: number,
	rating: Pick<Protocol['rating'], 'measurement_marks'>,
	measurements: readonly Measurement[],
	prefix = ''
): Promise<void> {
	if (measurements.length === 0) return;
	const files = await caseImageFiles(tx, caseId);
	measurements.forEach((measurement, index) => {
		const field = `measurements.${index}`;
		const refuse = (detail: string, at = field): never => {
			throw new InputError(`${prefix}${at}: ${detail}`, at);
		};
		const file = files[measurement.image - 1];
		if (!file)
			refuse(
				`this case has ${files.length} image${files.length === 1 ? '' : 's'}`,
				`${field}.image`
			);
		const image = imageCalibration(file!.path, file!.sha256);
		const { columns, rows } = image;
		if (columns && rows) {
			const outside = measurement.points.find(([x, y]) => x > columns - 1 || y > rows - 1);
			if (outside)
				refuse(
					`(${outside[0]}, ${outside[1]}) is outside image ${measurement.image} (${columns} × ${rows} pixels)`
				);
		}
		const problem = geometryProblem(measurement, image.spacing);
		if (problem) refuse(problem);
		if (measurement.kind !== 'ellipse' && measurement.kind !== 'rectangle') return;
		const unit = image.hounsfield ? 'HU' : 'modality';
		if (measurement.mean.unit !== unit)
			refuse(`must be ${unit} on this image, not ${measurement.mean.unit}`, `${field}.mean.unit`);
		const asMark = rating.measurement_marks === true;
		if (asMark && measurement.confidence === undefined)
			refuse(
				'this study counts each ROI as a lesion mark: give its confidence',
				`${field}.confidence`
			);
		if (!asMark && measurement.confidence !== undefined)
			refuse('this study does not count ROIs as lesion marks', `${field}.confidence`);
	});
}
