// The annotation workstation's lesion arithmetic, without a browser: lesion labels, the images a
// lesion spans, an outline from what was drawn on the image (pixel coordinates, a point's radius
// in mm through the image's pixel spacing), the size from a length measurement, and a lesion
// taken over from an annotator's (the adjudicator's "take A's L1").
import type { AnnotationLesion, AnnotationRegion } from '$lib/domain/annotation';
import type { Measurement } from '$lib/domain/measurement';

export type Shape = AnnotationRegion['kind'];
export type ImagePoint = [number, number];

/** A point lesion placed with a click (no drag) gets this radius; it can be changed. */
export const DEFAULT_RADIUS_MM = 5;

/** The next free label L1, L2… (one more than the highest L-number in use). */
export function nextLesionId(lesions: readonly AnnotationLesion[], prefix = 'L'): string {
	const used = lesions
		.map((lesion) => new RegExp(`^${prefix}(\\d+)$`).exec(lesion.id)?.[1])
		.filter((n): n is string => n !== undefined)
		.map(Number);
	return `${prefix}${Math.max(0, ...used) + 1}`;
}

/** Whether the lesion lies on this image (1-based). */
export function spansImage(lesion: AnnotationLesion, image: number): boolean {
	return lesion.firstImage <= image && image <= lesion.lastImage;
}

/** The lesion with its first (or last) image set to `image`; the other end follows if crossed. */
export function withSpanEdge(
	lesion: AnnotationLesion,
	edge: 'first' | 'last',
	image: number
): AnnotationLesion {
	if (edge === 'first')
		return { ...lesion, firstImage: image, lastImage: Math.max(image, lesion.lastImage) };
	return { ...lesion, lastImage: image, firstImage: Math.min(image, lesion.firstImage) };
}

/** mm per pixel for a radius: the mean of the row and column spacing; 1 when the image has none. */
export function mmPerPixel(spacing: { row: number; column: number } | null): number {
	return spacing ? (spacing.row + spacing.column) / 2 : 1;
}

/**
 * The outline a drag on the image gives: a point at `from` whose radius reaches `to` (a click
 * gives DEFAULT_RADIUS_MM), or the box with these corners (null when it has no area: under a pixel).
 */
export function regionFromDrag(
	shape: 'point' | 'box',
	from: ImagePoint,
	to: ImagePoint,
	mmPer: number
): AnnotationRegion | null {
	const round = (value: number) => Math.round(value * 10) / 10;
	if (shape === 'point') {
		const pixels = Math.hypot(to[0] - from[0], to[1] - from[1]);
		const radiusMm = pixels < 2 ? DEFAULT_RADIUS_MM : round(pixels * mmPer);
		return {
			kind: 'point',
			x: round(from[0]),
			y: round(from[1]),
			radiusMm: Math.max(radiusMm, 0.1)
		};
	}
	const [x0, x1] = [round(Math.min(from[0], to[0])), round(Math.max(from[0], to[0]))];
	const [y0, y1] = [round(Math.min(from[1], to[1])), round(Math.max(from[1], to[1]))];
	if (x1 - x0 < 1 || y1 - y0 < 1) return null;
	return { kind: 'box', box: { x0, y0, x1, y1 } };
}

/**
 * A freehand contour from the points the pointer passed through: points closer than a pixel to
 * the last kept one dropped, at most 2000 kept (evenly); null with fewer than three.
 */
export function contourFrom(path: readonly ImagePoint[]): AnnotationRegion | null {
	const kept: ImagePoint[] = [];
	for (const point of path) {
		const last = kept.at(-1);
		if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= 1)
			kept.push([Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10]);
	}
	if (kept.length < 3) return null;
	const step = Math.ceil(kept.length / 2000);
	return { kind: 'contour', points: kept.filter((_, index) => index % step === 0) };
}

/** A length measurement's value as the size_mm attribute ("12.3"); null unless it is in mm. */
export function sizeFromLength(measurement: Measurement): string | null {
	if (measurement.kind !== 'length' || measurement.length.unit !== 'mm') return null;
	return measurement.length.value.toFixed(1);
}

/** A lesion taken over under a new label (a deep copy: editing it leaves the original alone). */
export function copyLesion(lesion: AnnotationLesion, id: string): AnnotationLesion {
	return { ...structuredClone(lesion), id };
}

/** The centre of a lesion's outline in image pixels (where its label is drawn). */
export function regionCentre(region: AnnotationRegion): ImagePoint {
	if (region.kind === 'point') return [region.x, region.y];
	if (region.kind === 'box')
		return [(region.box.x0 + region.box.x1) / 2, (region.box.y0 + region.box.y1) / 2];
	const xs = region.points.map((point) => point[0]);
	const ys = region.points.map((point) => point[1]);
	return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
