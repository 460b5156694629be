// How much two outlined lesions overlap, and how far apart their centres lie (reference standard,
// issue 19). A lesion is one region (a point with a radius in mm, a box, or a closed contour) on
// every image of firstImage…lastImage, so as a volume it is the region's area times its images.
//
// regionIoU: intersection over union of the two volumes, areas in pixels. Only images both lesions
// are on hold an intersection; 0 when they share no image.
//   - box ∩ box and point ∩ point are exact (a point's region is the disc of radiusMm, in pixels
//     the ellipse of semi-axes radiusMm / spacing.x and radiusMm / spacing.y; two such ellipses
//     share the spacing, so in mm they are circles and the lens area has a closed form);
//   - every other pair is integrated by horizontal scanlines: on each line the exact x-intervals
//     of each region (the ellipse's chord, the box's width, the contour's even–odd crossings) are
//     intersected exactly, and the lengths are summed by the midpoint rule, cut at every vertex
//     height and ellipse end, with 1024 lines per height of the smaller region. Polygons and
//     boxes are then exact but where two edges cross; the step scales with the region, so the
//     relative error does not depend on its size in pixels: below 1e-4 for a disc, and well
//     below 1e-3 for any lesion of 5 px and more (the specs check discs, half discs and polygons
//     against closed forms). A region's own area and the intersection are summed over the same
//     lines, so a region with itself gives exactly 1.
//
// centreDistanceMm: distance between the regions' centres (a point's centre, a box's centre, a
// contour's area centroid) in mm through the pixel spacing. Across images: the centre image of a
// lesion is (firstImage + lastImage) / 2; given sliceSpacingMm, the distance is in 3-D (the centre
// images' difference × sliceSpacingMm along z); without it, two lesions whose image ranges overlap
// are compared in the image plane and two that share no image are Infinity apart. Pure.
import type { AnnotationRegion } from '$lib/domain/annotation';
import type { Spacing } from '$lib/stats/lesion/match-marks';

export interface RegionOnImages {
	firstImage: number;
	lastImage: number;
	region: AnnotationRegion;
}

/** Scanlines per height of the smaller region. */
const LINES = 1024;

type Interval = [number, number];

interface Extent {
	y0: number;
	y1: number;
}

/** Intersection over union of two lesions as volumes (see the top of the module). */
export function regionIoU(a: RegionOnImages, b: RegionOnImages, spacing: Spacing): number {
	const shared = Math.min(a.lastImage, b.lastImage) - Math.max(a.firstImage, b.firstImage) + 1;
	if (shared <= 0 || !boundsMeet(a.region, b.region, spacing)) return 0;
	const { areaA, areaB, intersection } = planeAreas(a.region, b.region, spacing);
	const volumeA = areaA * images(a);
	const volumeB = areaB * images(b);
	const common = intersection * shared;
	const union = volumeA + volumeB - common;
	if (!(union > 0)) return 0;
	return Math.min(1, Math.max(0, common / union));
}

/** Distance between the two lesions' centres in mm (see the top of the module). */
export function centreDistanceMm(
	a: RegionOnImages,
	b: RegionOnImages,
	spacing: Spacing,
	sliceSpacingMm?: number
): number {
	const [ax, ay] = regionCentre(a.region);
	const [bx, by] = regionCentre(b.region);
	const inPlane = Math.hypot((ax - bx) * spacing.x, (ay - by) * spacing.y);
	if (sliceSpacingMm !== undefined) {
		const dz =
			((a.firstImage + a.lastImage) / 2 - (b.firstImage + b.lastImage) / 2) * sliceSpacingMm;
		return Math.hypot(inPlane, dz);
	}
	const overlap = Math.min(a.lastImage, b.lastImage) >= Math.max(a.firstImage, b.firstImage);
	return overlap ? inPlane : Infinity;
}

/** A region's centre in pixels: the point, the box's centre, the contour's area centroid. */
export function regionCentre(region: AnnotationRegion): [number, number] {
	if (region.kind === 'point') return [region.x, region.y];
	if (region.kind === 'box') {
		const { x0, y0, x1, y1 } = region.box;
		return [(x0 + x1) / 2, (y0 + y1) / 2];
	}
	const { points } = region;
	let twiceArea = 0;
	let cx = 0;
	let cy = 0;
	points.forEach(([xi, yi], i) => {
		const [xj, yj] = points[(i + 1) % points.length] as [number, number];
		const cross = xi * yj - xj * yi;
		twiceArea += cross;
		cx += (xi + xj) * cross;
		cy += (yi + yj) * cross;
	});
	if (Math.abs(twiceArea) < 1e-12) {
		// A degenerate contour (all on a line): the mean of its vertices.
		const n = points.length;
		return [points.reduce((s, [x]) => s + x, 0) / n, points.reduce((s, [, y]) => s + y, 0) / n];
	}
	return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

/** The region's area on one image, in pixels (exact for points and boxes; scanlines for contours). */
export function regionArea(region: AnnotationRegion, spacing: Spacing): number {
	if (region.kind === 'point') {
		const [rx, ry] = semiAxes(region.radiusMm, spacing);
		return Math.PI * rx * ry;
	}
	if (region.kind === 'box') return boxArea(region.box);
	return scanArea(region, region, spacing).areaA;
}

function images(lesion: RegionOnImages): number {
	return lesion.lastImage - lesion.firstImage + 1;
}

function planeAreas(
	a: AnnotationRegion,
	b: AnnotationRegion,
	spacing: Spacing
): { areaA: number; areaB: number; intersection: number } {
	if (a.kind === 'box' && b.kind === 'box') {
		const width = Math.max(0, Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0));
		const height = Math.max(0, Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0));
		return { areaA: boxArea(a.box), areaB: boxArea(b.box), intersection: width * height };
	}
	if (a.kind === 'point' && b.kind === 'point') return discAreas(a, b, spacing);
	return scanArea(a, b, spacing);
}

function boxArea(box: { x0: number; y0: number; x1: number; y1: number }): number {
	return Math.max(0, box.x1 - box.x0) * Math.max(0, box.y1 - box.y0);
}

function semiAxes(radiusMm: number, spacing: Spacing): [number, number] {
	return [radiusMm / spacing.x, radiusMm / spacing.y];
}

type PointRegion = Extract<AnnotationRegion, { kind: 'point' }>;

/** Two discs in mm (circles), their lens; back to pixels by dividing by spacing.x × spacing.y. */
function discAreas(
	a: PointRegion,
	b: PointRegion,
	spacing: Spacing
): { areaA: number; areaB: number; intersection: number } {
	const pixel = spacing.x * spacing.y;
	const [r, s] = [a.radiusMm, b.radiusMm];
	const d = Math.hypot((a.x - b.x) * spacing.x, (a.y - b.y) * spacing.y);
	let lens: number;
	if (d >= r + s) lens = 0;
	else if (d <= Math.abs(r - s)) lens = Math.PI * Math.min(r, s) * Math.min(r, s);
	else {
		const alpha = Math.acos(clamp((d * d + r * r - s * s) / (2 * d * r)));
		const beta = Math.acos(clamp((d * d + s * s - r * r) / (2 * d * s)));
		const kite =
			0.5 * Math.sqrt(Math.max(0, (-d + r + s) * (d + r - s) * (d - r + s) * (d + r + s)));
		lens = r * r * alpha + s * s * beta - kite;
	}
	return {
		areaA: (Math.PI * r * r) / pixel,
		areaB: (Math.PI * s * s) / pixel,
		intersection: lens / pixel
	};
}

function clamp(cosine: number): number {
	return Math.min(1, Math.max(-1, cosine));
}

/** Whether the regions' bounding boxes overlap (else they share no area: a quick 0). */
function boundsMeet(a: AnnotationRegion, b: AnnotationRegion, spacing: Spacing): boolean {
	const [p, q] = [bounds(a, spacing), bounds(b, spacing)];
	return p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
}

function bounds(
	region: AnnotationRegion,
	spacing: Spacing
): { x0: number; y0: number; x1: number; y1: number } {
	if (region.kind === 'point') {
		const [rx, ry] = semiAxes(region.radiusMm, spacing);
		return { x0: region.x - rx, y0: region.y - ry, x1: region.x + rx, y1: region.y + ry };
	}
	if (region.kind === 'box') return region.box;
	const xs = region.points.map(([x]) => x);
	const ys = region.points.map(([, y]) => y);
	return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function extent(region: AnnotationRegion, spacing: Spacing): Extent {
	if (region.kind === 'point') {
		const ry = region.radiusMm / spacing.y;
		return { y0: region.y - ry, y1: region.y + ry };
	}
	if (region.kind === 'box') return { y0: region.box.y0, y1: region.box.y1 };
	const ys = region.points.map(([, y]) => y);
	return { y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** Areas of a, b and a ∩ b by midpoint scanlines (see the top of the module). */
function scanArea(
	a: AnnotationRegion,
	b: AnnotationRegion,
	spacing: Spacing
): { areaA: number; areaB: number; intersection: number } {
	const [ea, eb] = [extent(a, spacing), extent(b, spacing)];
	const step = Math.min(ea.y1 - ea.y0, eb.y1 - eb.y0) / LINES;
	if (!(step > 0)) return { areaA: 0, areaB: 0, intersection: 0 };
	const events = [...breaks(a, spacing), ...breaks(b, spacing)];
	const [lineA, lineB] = [scanner(a, spacing), scanner(b, spacing)];
	const areaA = integrate(ea, (ea.y1 - ea.y0) / LINES, breaks(a, spacing), (y) => length(lineA(y)));
	const areaB = integrate(eb, (eb.y1 - eb.y0) / LINES, breaks(b, spacing), (y) => length(lineB(y)));
	const [overA, overB] = [scanner(a, spacing), scanner(b, spacing)];
	const common = { y0: Math.max(ea.y0, eb.y0), y1: Math.min(ea.y1, eb.y1) };
	const intersection =
		common.y1 > common.y0
			? integrate(common, step, events, (y) => length(intersect(overA(y), overB(y))))
			: 0;
	return { areaA, areaB, intersection };
}

/** The heights where a region's width changes its form: vertices, edges, an ellipse's ends. */
function breaks(region: AnnotationRegion, spacing: Spacing): number[] {
	if (region.kind === 'contour') return region.points.map(([, y]) => y);
	const { y0, y1 } = extent(region, spacing);
	return [y0, y1];
}

/**
 * Midpoint rule over [y0, y1], split at the break heights (so a polygon's or a box's width is
 * linear within each piece), with lines no further apart than step.
 */
function integrate(
	range: Extent,
	step: number,
	events: number[],
	width: (y: number) => number
): number {
	const cuts = [range.y0, ...events.filter((y) => y > range.y0 && y < range.y1), range.y1];
	const sorted = [...new Set(cuts)].sort((p, q) => p - q);
	let total = 0;
	for (let piece = 0; piece + 1 < sorted.length; piece += 1) {
		const [from, to] = [sorted[piece] as number, sorted[piece + 1] as number];
		const lines = Math.max(1, Math.ceil((to - from) / step - 1e-9));
		const h = (to - from) / lines;
		let sum = 0;
		for (let k = 0; k < lines; k += 1) sum += width(from + (k + 0.5) * h);
		total += sum * h;
	}
	return total;
}

/**
 * Where the horizontal line at y lies inside the region (sorted, disjoint intervals), for lines
 * taken top to bottom: a contour keeps the edges the line crosses (an edge from yi to yj is
 * crossed where min ≤ y < max) as the lines move down, so a line costs only those edges.
 */
function scanner(region: AnnotationRegion, spacing: Spacing): (y: number) => Interval[] {
	if (region.kind === 'point') {
		const [rx, ry] = semiAxes(region.radiusMm, spacing);
		return (y) => {
			const t = (y - region.y) / ry;
			if (Math.abs(t) >= 1) return [];
			const half = rx * Math.sqrt(1 - t * t);
			return [[region.x - half, region.x + half]];
		};
	}
	if (region.kind === 'box') {
		const { x0, y0, x1, y1 } = region.box;
		return (y) => (y > y0 && y < y1 ? [[x0, x1]] : []);
	}
	const { points } = region;
	const edges: Edge[] = [];
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i] as [number, number];
		const [xj, yj] = points[j] as [number, number];
		if (yi !== yj) edges.push({ xi, yi, xj, yj, top: Math.min(yi, yj), bottom: Math.max(yi, yj) });
	}
	edges.sort((p, q) => p.top - q.top);
	let next = 0;
	let active: Edge[] = [];
	let previous = -Infinity;
	return (y) => {
		if (y < previous) [next, active] = [0, []];
		previous = y;
		while (next < edges.length && (edges[next] as Edge).top <= y)
			active.push(edges[next++] as Edge);
		active = active.filter((edge) => edge.bottom > y);
		const crossings = active.map(({ xi, yi, xj, yj }) => ((xj - xi) * (y - yi)) / (yj - yi) + xi);
		crossings.sort((p, q) => p - q);
		const result: Interval[] = [];
		for (let k = 0; k + 1 < crossings.length; k += 2)
			result.push([crossings[k] as number, crossings[k + 1] as number]);
		return result;
	};
}

interface Edge {
	xi: number;
	yi: number;
	xj: number;
	yj: number;
	top: number;
	bottom: number;
}

function length(list: Interval[]): number {
	return list.reduce((total, [from, to]) => total + (to - from), 0);
}

/** Intersection of two sorted lists of disjoint intervals. */
function intersect(p: Interval[], q: Interval[]): Interval[] {
	const result: Interval[] = [];
	let [i, j] = [0, 0];
	while (i < p.length && j < q.length) {
		const [a0, a1] = p[i] as Interval;
		const [b0, b1] = q[j] as Interval;
		const from = Math.max(a0, b0);
		const to = Math.min(a1, b1);
		if (to > from) result.push([from, to]);
		if (a1 < b1) i += 1;
		else j += 1;
	}
	return result;
}
