// Simulated lesion measurements for a demo study whose protocol asks the readers to measure each
// lesion (rating.measure_lesion_size): a reader who calls a diseased case positive draws one
// horizontal length across the lesion's centre (from truth.csv: lesion_size_mm, lesion_slice,
// lesion_x, lesion_y). The measured diameter is the truth's size times a reader's own scale
// (readers measure a little large or small, SD 5 %) plus per-measurement noise (SD 0.8 mm, 0.6 mm
// with the AI's outline shown). Drawn from a stream of its own, so the reads' other values are the
// ones the seed gives without measurements. The length is what its points make with the image's
// pixel spacing, as the read service checks.
import { eq } from 'drizzle-orm';
import { cases, referenceTruth } from '../db/schema';
import type { Db } from '../db/client';
import { caseImageFiles } from '../reads/case-image-files';
import { imageCalibration } from '../dicom/image-calibration';
import { lengthBetween, type Point } from '../../domain/measurement-math';
import type { Measurement } from '../../domain/measurement';
import { createRandom, type SimulationRandom } from '../../stats/random';

interface Lesion {
	sizeMm: number;
	image: number;
	x: number;
	y: number;
}

export interface MeasurementSimulator {
	/** The measurements a reader makes on a case they called positive (none when it has no lesion). */
	measure(readerIndex: number, caseId: number, aided: boolean): Promise<Measurement[]>;
}

function lesionOf(detailsJson: string): Lesion | null {
	const details = JSON.parse(detailsJson) as Record<string, string | number | undefined>;
	const number = (name: string) => {
		const value = details[name];
		return value === undefined || value === '' ? NaN : Number(value);
	};
	const lesion = {
		sizeMm: number('lesion_size_mm'),
		image: number('lesion_slice'),
		x: number('lesion_x'),
		y: number('lesion_y')
	};
	return Object.values(lesion).every(Number.isFinite) && lesion.sizeMm > 0 ? lesion : null;
}

export async function measurementSimulator(
	db: Db,
	studyId: number,
	seed: number
): Promise<MeasurementSimulator> {
	const lesions = new Map(
		(
			await db
				.select({ id: cases.id, details: referenceTruth.detailsJson })
				.from(cases)
				.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
				.where(eq(cases.studyId, studyId))
		).flatMap((row) => {
			const lesion = lesionOf(row.details);
			return lesion ? [[row.id, lesion] as const] : [];
		})
	);
	const streams = new Map<number, { random: SimulationRandom; scale: number }>();
	const streamOf = (readerIndex: number) => {
		let stream = streams.get(readerIndex);
		if (!stream) {
			const random = createRandom((seed ^ 0x6d2b79f5) + 7919 * readerIndex);
			stream = { random, scale: 1 + 0.05 * random.nextNormal() };
			streams.set(readerIndex, stream);
		}
		return stream;
	};
	return {
		async measure(readerIndex, caseId, aided) {
			const lesion = lesions.get(caseId);
			if (!lesion) return [];
			const file = (await caseImageFiles(db, caseId))[lesion.image - 1];
			if (!file) return [];
			const image = imageCalibration(file.path, file.sha256);
			if (!image.spacing) return [];
			const { random, scale } = streamOf(readerIndex);
			const measured = Math.max(
				1,
				lesion.sizeMm * scale + (aided ? 0.6 : 0.8) * random.nextNormal()
			);
			const halfPx = measured / 2 / image.spacing.column;
			const clamp = (value: number, max: number | null) =>
				Math.round(Math.min(Math.max(value, 0), (max ?? Infinity) - 1) * 100) / 100;
			const a: Point = [clamp(lesion.x - halfPx, image.columns), clamp(lesion.y, image.rows)];
			const b: Point = [clamp(lesion.x + halfPx, image.columns), clamp(lesion.y, image.rows)];
			const length = lengthBetween(a, b, image.spacing);
			return [
				{
					kind: 'length',
					image: lesion.image,
					calibration: image.spacing.calibration,
					points: [a, b],
					length: { value: length.value, unit: 'mm' }
				}
			];
		}
	};
}
