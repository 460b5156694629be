// Matching a reader's (or the AI's) marks on one case to the case's truth lesions, by the rule the
// protocol declares (`matching: { criterion, acceptance_mm, iou }`), so that each mark becomes a
// lesion localisation (LL, with the lesion's id) or a non-lesion localisation (NL):
//   - a mark is eligible for a lesion when it lies on one of the lesion's images and
//       distance: within acceptance_mm of the lesion's region (its circle of radius_mm around the
//                 centre, its box or its contour; 0 inside), in mm through the image's pixel
//                 spacing;
//       inside:   inside the lesion's region;
//       iou:      the mark's box overlaps the lesion's box (a circle's or contour's bounding box)
//                 with an intersection over union ≥ iou;
//   - a mark eligible for several lesions goes to the nearest (iou: the highest overlap; ties: the
//     nearer centre, then the lesion listed first);
//   - a lesion may have several regions (several TruthLesion entries with its id: the same mass
//     on the CC and the MLO view, say); a mark eligible for any of them is eligible for the
//     lesion, and goes to its nearest region;
//   - a lesion (an id) is localised by at most one mark: the highest-rated of the marks that went
//     to it (ties: the nearer one, then the mark's position); the others count as NLs;
//   - every mark on a non-diseased case, and every mark eligible for no lesion, is an NL.
// Deterministic and independent of the order the marks are given in. Pure.

export type MatchCriterion = 'distance' | 'inside' | 'iou';

export interface MatchRule {
	criterion: MatchCriterion;
	/** distance: how far outside a lesion's region a mark may lie, in mm. */
	acceptanceMm?: number;
	/** iou: the least intersection over union of the mark's box and the lesion's. */
	iou?: number;
}

/** Pixel coordinates: x along a row (columns), y down the image (rows); pixel centres on integers. */
export interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export type LesionRegion =
	| { kind: 'point'; x: number; y: number; radiusMm: number }
	| { kind: 'box'; box: Box }
	| { kind: 'contour'; points: Array<[number, number]> };

export interface TruthLesion {
	/** The lesion's id; entries sharing an id are regions of one lesion (e.g. two views). */
	id: string;
	/** The images (1-based stack positions) the lesion is on: first … last. */
	firstImage: number;
	lastImage: number;
	region: LesionRegion;
}

export interface CaseMark {
	image: number;
	x: number;
	y: number;
	/** The mark's box, when the reader drew one (required by the iou criterion). */
	box?: Box;
	rating: number;
}

/** mm per pixel between columns (x) and between rows (y): DICOM PixelSpacing is [row, column]. */
export interface Spacing {
	x: number;
	y: number;
}

export interface MatchResult {
	/** Per mark, in the order given: the id of the lesion it localises, or null for an NL. */
	lesion: Array<string | null>;
}

export class MatchRuleError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MatchRuleError';
	}
}

interface Candidate {
	lesion: number;
	/** Smaller is nearer: mm outside the region (distance, inside) or 1 − IoU (iou). */
	gap: number;
	/** Distance to the lesion's centre in mm (px without spacing), the first tie-break. */
	centre: number;
}

/** Match one case's marks to its lesions (`spacing(image)`: null when the image has none). */
export function matchMarks(
	marks: readonly CaseMark[],
	lesions: readonly TruthLesion[],
	rule: MatchRule,
	spacing: (image: number) => Spacing | null
): MatchResult {
	checkRule(rule);
	const chosen = marks.map((mark) => nearestCandidate(mark, lesions, rule, spacing));
	// Keyed by the lesion's id: the regions of one lesion (its views) share the one LL.
	const winner = new Map<string, number>();
	chosen.forEach((candidate, index) => {
		if (!candidate) return;
		const id = (lesions[candidate.lesion] as TruthLesion).id;
		const current = winner.get(id);
		if (current === undefined || beats(index, current, marks, chosen)) winner.set(id, index);
	});
	const lesion: Array<string | null> = marks.map(() => null);
	for (const [id, index] of winner) lesion[index] = id;
	return { lesion };
}

function checkRule(rule: MatchRule): void {
	if (
		rule.criterion === 'distance' &&
		!(Number.isFinite(rule.acceptanceMm) && rule.acceptanceMm! >= 0)
	)
		throw new MatchRuleError('matching by distance needs acceptance_mm ≥ 0');
	if (rule.criterion === 'iou' && !(rule.iou !== undefined && rule.iou > 0 && rule.iou <= 1))
		throw new MatchRuleError('matching by iou needs iou in (0, 1]');
}

/** Whether mark a takes the lesion from mark b: higher rating, then nearer, then position. */
function beats(
	a: number,
	b: number,
	marks: readonly CaseMark[],
	chosen: Array<Candidate | null>
): boolean {
	const [ma, mb] = [marks[a] as CaseMark, marks[b] as CaseMark];
	if (ma.rating !== mb.rating) return ma.rating > mb.rating;
	const [ca, cb] = [chosen[a] as Candidate, chosen[b] as Candidate];
	if (ca.gap !== cb.gap) return ca.gap < cb.gap;
	if (ca.centre !== cb.centre) return ca.centre < cb.centre;
	return comparePosition(ma, mb) < 0;
}

function comparePosition(a: CaseMark, b: CaseMark): number {
	return a.image - b.image || a.y - b.y || a.x - b.x;
}

function nearestCandidate(
	mark: CaseMark,
	lesions: readonly TruthLesion[],
	rule: MatchRule,
	spacing: (image: number) => Spacing | null
): Candidate | null {
	let best: Candidate | null = null;
	lesions.forEach((lesion, l) => {
		if (mark.image < lesion.firstImage || mark.image > lesion.lastImage) return;
		const candidate = eligibility(mark, lesion, l, rule, spacing(mark.image));
		if (!candidate) return;
		if (
			!best ||
			candidate.gap < best.gap ||
			(candidate.gap === best.gap && candidate.centre < best.centre)
		)
			best = candidate;
	});
	return best;
}

function eligibility(
	mark: CaseMark,
	lesion: TruthLesion,
	l: number,
	rule: MatchRule,
	spacing: Spacing | null
): Candidate | null {
	const { region } = lesion;
	if (rule.criterion === 'iou') {
		if (!mark.box)
			throw new MatchRuleError(
				'matching by iou needs every mark to be a box (this one is a point)'
			);
		const overlap = intersectionOverUnion(mark.box, boundingBox(region, spacing, lesion.id));
		if (overlap < (rule.iou as number)) return null;
		return { lesion: l, gap: 1 - overlap, centre: centreDistance(mark, region, spacing ?? UNIT) };
	}
	if (region.kind === 'point' && region.radiusMm > 0 && !spacing)
		throw noSpacing(lesion.id, mark.image, `its radius_mm`);
	if (rule.criterion === 'distance' && (rule.acceptanceMm as number) > 0 && !spacing)
		throw noSpacing(lesion.id, mark.image, 'acceptance_mm');
	const scale = spacing ?? UNIT;
	const gap = gapToRegion(mark, region, scale);
	const allowed = rule.criterion === 'distance' ? (rule.acceptanceMm as number) : 0;
	if (gap > allowed) return null;
	return { lesion: l, gap, centre: centreDistance(mark, region, scale) };
}

const UNIT: Spacing = { x: 1, y: 1 };

function noSpacing(lesion: string, image: number, what: string): MatchRuleError {
	return new MatchRuleError(
		`lesion ${lesion}: image ${image} has no pixel spacing, so ${what} cannot be measured in mm`
	);
}

function mm(dx: number, dy: number, spacing: Spacing): number {
	return Math.hypot(dx * spacing.x, dy * spacing.y);
}

/** How far (mm) the mark lies outside the region; 0 inside or on its edge. */
function gapToRegion(mark: CaseMark, region: LesionRegion, spacing: Spacing): number {
	if (region.kind === 'point')
		return Math.max(0, mm(mark.x - region.x, mark.y - region.y, spacing) - region.radiusMm);
	if (region.kind === 'box') {
		const { x0, y0, x1, y1 } = normalised(region.box);
		const dx = mark.x < x0 ? x0 - mark.x : mark.x > x1 ? mark.x - x1 : 0;
		const dy = mark.y < y0 ? y0 - mark.y : mark.y > y1 ? mark.y - y1 : 0;
		return mm(dx, dy, spacing);
	}
	if (insidePolygon(mark.x, mark.y, region.points)) return 0;
	let nearest = Infinity;
	region.points.forEach((start, i) => {
		const end = region.points[(i + 1) % region.points.length] as [number, number];
		nearest = Math.min(nearest, distanceToSegment(mark, start, end, spacing));
	});
	return nearest;
}

function centreDistance(mark: CaseMark, region: LesionRegion, spacing: Spacing): number {
	const [cx, cy] = centreOf(region);
	return mm(mark.x - cx, mark.y - cy, spacing);
}

function centreOf(region: LesionRegion): [number, number] {
	if (region.kind === 'point') return [region.x, region.y];
	const { x0, y0, x1, y1 } =
		region.kind === 'box' ? normalised(region.box) : boxOfPoints(region.points);
	return [(x0 + x1) / 2, (y0 + y1) / 2];
}

function boundingBox(region: LesionRegion, spacing: Spacing | null, id: string): Box {
	if (region.kind === 'box') return normalised(region.box);
	if (region.kind === 'contour') return boxOfPoints(region.points);
	if (region.radiusMm > 0 && !spacing)
		throw new MatchRuleError(`lesion ${id}: no pixel spacing to turn radius_mm into pixels`);
	const rx = spacing ? region.radiusMm / spacing.x : 0;
	const ry = spacing ? region.radiusMm / spacing.y : 0;
	return { x0: region.x - rx, y0: region.y - ry, x1: region.x + rx, y1: region.y + ry };
}

function normalised(box: Box): Box {
	return {
		x0: Math.min(box.x0, box.x1),
		y0: Math.min(box.y0, box.y1),
		x1: Math.max(box.x0, box.x1),
		y1: Math.max(box.y0, box.y1)
	};
}

function boxOfPoints(points: Array<[number, number]>): Box {
	const xs = points.map(([x]) => x);
	const ys = points.map(([, y]) => y);
	return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Intersection over union of two boxes (areas in pixels). */
export function intersectionOverUnion(a: Box, b: Box): number {
	const [p, q] = [normalised(a), normalised(b)];
	const width = Math.max(0, Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0));
	const height = Math.max(0, Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0));
	const intersection = width * height;
	const union = (p.x1 - p.x0) * (p.y1 - p.y0) + (q.x1 - q.x0) * (q.y1 - q.y0) - intersection;
	return union > 0 ? intersection / union : 0;
}

/** Even–odd rule; a point on the edge counts as inside. */
function insidePolygon(x: number, y: number, points: Array<[number, number]>): boolean {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i] as [number, number];
		const [xj, yj] = points[j] as [number, number];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function distanceToSegment(
	mark: CaseMark,
	[ax, ay]: [number, number],
	[bx, by]: [number, number],
	spacing: Spacing
): number {
	// In mm space, so the nearest point is the nearest in mm.
	const [px, py] = [mark.x * spacing.x, mark.y * spacing.y];
	const [sx, sy, ex, ey] = [ax * spacing.x, ay * spacing.y, bx * spacing.x, by * spacing.y];
	const [dx, dy] = [ex - sx, ey - sy];
	const length = dx * dx + dy * dy;
	const t = length > 0 ? Math.max(0, Math.min(1, ((px - sx) * dx + (py - sy) * dy) / length)) : 0;
	return Math.hypot(px - (sx + t * dx), py - (sy + t * dy));
}
