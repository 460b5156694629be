// The mean of several annotators' outlines of one lesion (the consensus geometry; the rule is
// quoted at the top of consensus.ts):
//   - points: the mean centre and the mean radius;
//   - boxes: the mean corners;
//   - contours: each turned clockwise as seen on the image (y runs down, so a positive shoelace
//     sum), started at its topmost vertex (the leftmost of ties), resampled by arc length to n
//     points (n = the most vertices among them, at least 64, at most 2000), then averaged point
//     by point;
//   - mixed shapes: the box of the mean of the members' bounding boxes (a point's bounding box is
//     its disc's, radiusMm through the pixel spacing, which must then be given).
// Pure.
import type { AnnotationRegion } from '$lib/domain/annotation';
import type { Spacing } from '$lib/stats/lesion/match-marks';

type Point = [number, number];
type Box = { x0: number; y0: number; x1: number; y1: number };

const LEAST_POINTS = 64;
const MOST_POINTS = 2000;

export function averageRegion(regions: AnnotationRegion[], spacing?: Spacing): AnnotationRegion {
	if (regions.length === 0) throw new RangeError('nothing to average');
	const kinds = new Set(regions.map((region) => region.kind));
	if (kinds.size === 1) {
		if (regions.every((r) => r.kind === 'point'))
			return {
				kind: 'point',
				x: mean(regions.map((r) => r.x)),
				y: mean(regions.map((r) => r.y)),
				radiusMm: mean(regions.map((r) => r.radiusMm))
			};
		if (regions.every((r) => r.kind === 'box'))
			return { kind: 'box', box: meanBox(regions.map((r) => r.box)) };
		if (regions.every((r) => r.kind === 'contour'))
			return { kind: 'contour', points: meanContour(regions.map((r) => r.points)) };
	}
	return { kind: 'box', box: meanBox(regions.map((region) => boundingBox(region, spacing))) };
}

function mean(values: number[]): number {
	return values.reduce((total, value) => total + value, 0) / values.length;
}

function meanBox(boxes: Box[]): Box {
	return {
		x0: mean(boxes.map((b) => b.x0)),
		y0: mean(boxes.map((b) => b.y0)),
		x1: mean(boxes.map((b) => b.x1)),
		y1: mean(boxes.map((b) => b.y1))
	};
}

function boundingBox(region: AnnotationRegion, spacing: Spacing | undefined): Box {
	if (region.kind === 'box') return region.box;
	if (region.kind === 'contour') {
		const xs = region.points.map(([x]) => x);
		const ys = region.points.map(([, y]) => y);
		return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
	}
	if (!spacing)
		throw new RangeError(
			'averaging a point lesion with another shape needs the pixel spacing (radiusMm to pixels)'
		);
	const [rx, ry] = [region.radiusMm / spacing.x, region.radiusMm / spacing.y];
	return { x0: region.x - rx, y0: region.y - ry, x1: region.x + rx, y1: region.y + ry };
}

/** Clockwise on the image, from the topmost (then leftmost) vertex. */
export function normaliseContour(points: readonly Point[]): Point[] {
	let twiceArea = 0;
	points.forEach(([xi, yi], i) => {
		const [xj, yj] = points[(i + 1) % points.length] as Point;
		twiceArea += xi * yj - xj * yi;
	});
	const turned = twiceArea < 0 ? [...points].reverse() : [...points];
	let start = 0;
	turned.forEach(([x, y], i) => {
		const [sx, sy] = turned[start] as Point;
		if (y < sy || (y === sy && x < sx)) start = i;
	});
	return [...turned.slice(start), ...turned.slice(0, start)];
}

/** n points evenly spaced by arc length along the closed contour, from its first vertex. */
export function resampleContour(points: readonly Point[], n: number): Point[] {
	const edges = points.map((from, i) => {
		const to = points[(i + 1) % points.length] as Point;
		return { from, to, length: Math.hypot(to[0] - from[0], to[1] - from[1]) };
	});
	const perimeter = edges.reduce((total, edge) => total + edge.length, 0);
	if (!(perimeter > 0)) return Array.from({ length: n }, () => [...(points[0] as Point)] as Point);
	const result: Point[] = [];
	let edge = 0;
	let walked = 0;
	for (let k = 0; k < n; k += 1) {
		const target = (k * perimeter) / n;
		while (edge < edges.length - 1 && walked + edges[edge]!.length < target) {
			walked += edges[edge]!.length;
			edge += 1;
		}
		const { from, to, length } = edges[edge]!;
		const t = length > 0 ? Math.min(1, (target - walked) / length) : 0;
		result.push([from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])]);
	}
	return result;
}

function meanContour(contours: Point[][]): Point[] {
	const most = Math.max(...contours.map((points) => points.length));
	const n = Math.min(MOST_POINTS, Math.max(LEAST_POINTS, most));
	const resampled = contours.map((points) => resampleContour(normaliseContour(points), n));
	return Array.from({ length: n }, (_, k) => [
		mean(resampled.map((points) => (points[k] as Point)[0])),
		mean(resampled.map((points) => (points[k] as Point)[1]))
	]);
}
