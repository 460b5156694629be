// The consensus of a case's annotations (reference standard, issue 19; CAS-4). The rule:
//
// Comparing (compareAnnotations). The works are taken in the order of their labels and each
// work's lesions in the order of their ids, so the outcome does not depend on the order given.
//   - Classification: every annotator must give the same one; else a 'classification'
//     disagreement listing each annotator's.
//   - Lesions: two point lesions match when their centres lie at most pointAcceptanceMm apart
//     (in mm through the pixel spacing, on a shared image); any other pair when their regionIoU
//     (overlap as volumes over the images) is at least iouThreshold.
//   - The first annotator's (by label) lesions are paired one to one with each other annotator's
//     by an optimal assignment (lesion-pairing.ts: as many pairs meeting the rule as possible, then
//     the largest total IoU, or nearness for points). With three or more annotators a lesion's
//     partners must also match each other, pair by pair.
//   - A lesion left without a counterpart is an 'unmatched-lesion'; a pairing that is the best
//     there is but misses the rule is a 'low-overlap' (IoU < threshold) or, for two points,
//     'far-points' (distance > acceptance).
//   - The case is agreed when there is no disagreement. matches: the lesions matched across all
//     annotators (members in label order; iou: the mean of the members' pairwise IoUs).
//
// The consensus truth of an agreed case (consensusLesions): one lesion per match, named L1, L2…
// in the order of first image, then centre (top to bottom, left to right):
//   - images: the union of the members' ranges (first of the firsts … last of the lasts);
//   - geometry: all points → the mean centre and the mean radius; all boxes → the mean corners;
//     all contours → the mean contour: each contour is turned clockwise (as seen on the image),
//     started at its topmost vertex (the leftmost of ties) and resampled by arc length to the same
//     number of points (the most vertices among them, at least 64, at most 2000), and the
//     resampled points are averaged in turn; mixed shapes → the box of the mean of the members'
//     bounding boxes (a point's box through the pixel spacing);
//   - attributes: those every member gives with the same value; a numeric one (size_mm…) given
//     by every member with different values becomes the mean (to 3 decimals); any other is
//     dropped, and listed (consensusOf) for the record.
// Pure.
import type { AnnotationLesion } from '$lib/domain/annotation';
import type { Spacing } from '$lib/stats/lesion/match-marks';
import { averageRegion } from './average-region';
import type {
	AnnotatorWork,
	CaseComparison,
	ConsensusRule,
	Disagreement,
	LesionRef
} from './consensus-types';
import { checkRule, judgePair, pairLesions, type PairVerdict } from './lesion-pairing';
import { regionCentre } from './region-overlap';

export type {
	AnnotatorWork,
	CaseComparison,
	ConsensusRule,
	Disagreement,
	LesionRef
} from './consensus-types';

/** Compare the works of two or more annotators on one case (see the top of the module). */
export function compareAnnotations(
	works: AnnotatorWork[],
	rule: ConsensusRule,
	spacing: Spacing
): CaseComparison {
	if (works.length < 2)
		throw new RangeError(
			`a consensus needs the work of at least 2 annotators, got ${works.length}`
		);
	checkRule(rule);
	const sorted = sortedWorks(works);
	const disagreements: Disagreement[] = [];
	const classes = new Set(sorted.map((work) => work.classification));
	if (classes.size > 1)
		disagreements.push({
			kind: 'classification',
			values: Object.fromEntries(sorted.map((work) => [work.label, work.classification]))
		});
	const [pivot, ...others] = sorted as [AnnotatorWork, ...AnnotatorWork[]];
	// partner[w][p]: the index of work w's lesion paired with the pivot's lesion p.
	const pairings = others.map((other) => pairLesions(pivot.lesions, other.lesions, rule, spacing));
	const partner = pairings.map((pairs) => {
		const byPivot = new Map<number, number>();
		for (const pair of pairs) byPivot.set(pair.a, pair.b);
		return byPivot;
	});
	const matches: CaseComparison['matches'] = [];
	pivot.lesions.forEach((lesion, p) => {
		const members: Array<{ work: AnnotatorWork; lesion: AnnotationLesion }> = [
			{ work: pivot, lesion }
		];
		const missing: string[] = [];
		others.forEach((other, w) => {
			const b = partner[w]?.get(p);
			if (b === undefined) missing.push(other.label);
			else members.push({ work: other, lesion: other.lesions[b] as AnnotationLesion });
		});
		let allMeet = true;
		const ious: number[] = [];
		for (let i = 0; i < members.length; i += 1)
			for (let j = i + 1; j < members.length; j += 1) {
				const [x, y] = [members[i]!, members[j]!];
				const verdict = judgePair(x.lesion, y.lesion, rule, spacing);
				ious.push(verdict.iou);
				if (verdict.meets) continue;
				allMeet = false;
				disagreements.push(missed(ref(x.work, x.lesion), ref(y.work, y.lesion), verdict, rule));
			}
		if (missing.length > 0) {
			disagreements.push({
				kind: 'unmatched-lesion',
				...ref(pivot, lesion),
				...(others.length > 1 ? { missingIn: missing } : {})
			});
		} else if (allMeet)
			matches.push({
				members: members.map((m) => ref(m.work, m.lesion)),
				iou: ious.reduce((s, x) => s + x, 0) / ious.length
			});
	});
	others.forEach((other, w) => {
		const paired = new Set(pairings[w]!.map((pair) => pair.b));
		other.lesions.forEach((lesion, b) => {
			if (!paired.has(b)) disagreements.push({ kind: 'unmatched-lesion', ...ref(other, lesion) });
		});
	});
	return { agreed: disagreements.length === 0, disagreements, matches };
}

export interface DroppedAttribute {
	/** The consensus lesion's id (L1…). */
	lesion: string;
	attribute: string;
	/** Each member's value, null where the member gave none. */
	values: Record<string, string | null>;
}

/** The consensus lesions of an agreed case, and the attributes left out for disagreeing. */
export function consensusOf(
	works: AnnotatorWork[],
	comparison: CaseComparison,
	spacing?: Spacing
): { lesions: AnnotationLesion[]; dropped: DroppedAttribute[] } {
	if (!comparison.agreed)
		throw new RangeError('the annotators disagree on this case: it goes to the adjudicator');
	const byLabel = new Map(works.map((work) => [work.label, work]));
	const built = comparison.matches.map((match) => {
		const members = match.members.map((member) => {
			const lesion = byLabel.get(member.annotator)?.lesions.find((l) => l.id === member.lesion);
			if (!lesion)
				throw new RangeError(
					`no lesion ${member.annotator}-${member.lesion} among the works given`
				);
			return { label: member.annotator, lesion };
		});
		const region = averageRegion(
			members.map((m) => m.lesion.region),
			spacing
		);
		return {
			firstImage: Math.min(...members.map((m) => m.lesion.firstImage)),
			lastImage: Math.max(...members.map((m) => m.lesion.lastImage)),
			region,
			members,
			key: match.members.map((m) => `${m.annotator}-${m.lesion}`).join(' ')
		};
	});
	built.sort((p, q) => {
		const [[px, py], [qx, qy]] = [regionCentre(p.region), regionCentre(q.region)];
		return (
			p.firstImage - q.firstImage ||
			py - qy ||
			px - qx ||
			p.lastImage - q.lastImage ||
			(p.key < q.key ? -1 : p.key > q.key ? 1 : 0)
		);
	});
	const dropped: DroppedAttribute[] = [];
	const lesions = built.map((lesion, index): AnnotationLesion => {
		const id = `L${index + 1}`;
		const { attributes, left } = mergeAttributes(lesion.members);
		for (const [attribute, values] of left) dropped.push({ lesion: id, attribute, values });
		const { firstImage, lastImage, region } = lesion;
		return { id, firstImage, lastImage, region, attributes };
	});
	return { lesions, dropped };
}

/** The consensus lesions of an agreed case (see the top of the module). */
export function consensusLesions(
	works: AnnotatorWork[],
	comparison: CaseComparison,
	spacing?: Spacing
): AnnotationLesion[] {
	return consensusOf(works, comparison, spacing).lesions;
}

/** In words, for the adjudicator's list of reasons. */
export function describeDisagreement(d: Disagreement): string {
	switch (d.kind) {
		case 'classification':
			return Object.keys(d.values)
				.sort()
				.map((label) => `${label}: ${d.values[label] === 1 ? 'diseased' : 'non-diseased'}`)
				.join(', ');
		case 'unmatched-lesion':
			return d.missingIn
				? `${d.annotator}-${d.lesion} has no counterpart from ${d.missingIn.join(', ')}`
				: `${d.annotator}-${d.lesion} has no counterpart`;
		case 'low-overlap':
			// Shown rounded down, so an IoU just under the threshold never reads as equal to it.
			return `lesion ${name(d.a)} and ${name(d.b)} overlap IoU ${down(d.iou, 2)} < ${d.threshold.toFixed(2)}`;
		case 'far-points':
			return Number.isFinite(d.distanceMm)
				? `points ${name(d.a)} and ${name(d.b)} lie ${up(d.distanceMm, 1)} mm apart > ${d.acceptanceMm.toFixed(1)} mm`
				: `points ${name(d.a)} and ${name(d.b)} are on different images`;
	}
}

function name(lesion: LesionRef): string {
	return `${lesion.annotator}-${lesion.lesion}`;
}

function down(value: number, digits: number): string {
	const scale = 10 ** digits;
	return (Math.floor(value * scale + 1e-9) / scale).toFixed(digits);
}

function up(value: number, digits: number): string {
	const scale = 10 ** digits;
	return (Math.ceil(value * scale - 1e-9) / scale).toFixed(digits);
}

function sortedWorks(works: AnnotatorWork[]): AnnotatorWork[] {
	const labels = new Set(works.map((work) => work.label));
	if (labels.size !== works.length) throw new RangeError('each annotator needs their own label');
	return [...works]
		.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
		.map((work) => ({
			...work,
			lesions: [...work.lesions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		}));
}

function ref(work: AnnotatorWork, lesion: AnnotationLesion): LesionRef {
	return { annotator: work.label, lesion: lesion.id };
}

function missed(
	a: LesionRef,
	b: LesionRef,
	verdict: PairVerdict,
	rule: ConsensusRule
): Disagreement {
	return verdict.points
		? {
				kind: 'far-points',
				a,
				b,
				distanceMm: verdict.distanceMm,
				acceptanceMm: rule.pointAcceptanceMm
			}
		: { kind: 'low-overlap', a, b, iou: verdict.iou, threshold: rule.iouThreshold };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function mergeAttributes(members: Array<{ label: string; lesion: AnnotationLesion }>): {
	attributes: Record<string, string>;
	left: Array<[string, Record<string, string | null>]>;
} {
	const keys = [...new Set(members.flatMap((m) => Object.keys(m.lesion.attributes)))].sort();
	const attributes: Record<string, string> = {};
	const left: Array<[string, Record<string, string | null>]> = [];
	for (const key of keys) {
		const values = members.map((m) => m.lesion.attributes[key]);
		const given = values.filter((v): v is string => v !== undefined);
		if (given.length === members.length && new Set(given).size === 1)
			attributes[key] = given[0] as string;
		else if (given.length === members.length && given.every((v) => NUMBER.test(v.trim()))) {
			const mean = given.reduce((s, v) => s + Number(v), 0) / given.length;
			attributes[key] = String(Math.round(mean * 1000) / 1000);
		} else
			left.push([
				key,
				Object.fromEntries(members.map((m) => [m.label, m.lesion.attributes[key] ?? null]))
			]);
	}
	return { attributes, left };
}
