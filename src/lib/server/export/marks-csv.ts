// marks.csv of a blind export: one row per mark of every stored read version, under the codes of
// reads.csv, with the lesion the mark localises (LL: the lesion's id) or 0 (NL) by the protocol's
// matching rule (stats/lesion/match-marks.ts, distances in mm through each image's pixel
// spacing). Each read version is matched on its own. Rows sorted by the codes, never in the order
// the reads were stored. Pure: pixel spacing comes in through a function.
import {
	matchMarks,
	type Box,
	type CaseMark,
	type MatchRule,
	type Spacing,
	type TruthLesion
} from '../../stats/lesion/match-marks';
import type { LesionRegionRecord } from '../../design/protocol/lesion-table';
import type { StudyRead } from '../reads/study-reads';
import type { CaseTruthLesion } from '../cases/truth-lesions';
import { compareCodeUnits } from '../../design/schedule/ordering';

export const MARKS_HEADER = [
	'reader',
	'modality',
	'case',
	'lesion',
	'rating',
	'read_version',
	'superseded',
	'mark',
	'image',
	'frame',
	'x',
	'y',
	'x0',
	'y0',
	'x1',
	'y1'
];

type Cell = string | number | null;

/** A stored mark: image, frame, x, y, confidence; a box as `box` or as x0…y1 (box marks). */
interface StoredMark {
	image: number;
	frame?: number;
	x: number;
	y: number;
	confidence: number;
	box?: Box;
	x0?: number;
	y0?: number;
	x1?: number;
	y1?: number;
}

/** Frames of a multi-frame image are told apart by a position within the image's own range. */
const FRAMES = 1_000_000;

function boxOf(mark: StoredMark): Box | undefined {
	if (mark.box) return mark.box;
	const { x0, y0, x1, y1 } = mark;
	return x0 !== undefined && y0 !== undefined && x1 !== undefined && y1 !== undefined
		? { x0, y0, x1, y1 }
		: undefined;
}

/**
 * The regions in match-marks' terms. When a region of the case lies on one frame of a multi-frame
 * image, the frame is folded into the image number: such a region is matched by marks on that
 * frame only, a region without a frame by marks on any frame of its images.
 */
function caseRegions(lesions: readonly CaseTruthLesion[]): {
	regions: TruthLesion[];
	scale: number;
} {
	const framed = lesions.some((lesion) => lesion.regions.some((r) => r.frame !== undefined));
	const scale = framed ? FRAMES : 1;
	const regions = lesions.flatMap((lesion) =>
		lesion.regions.map((region: LesionRegionRecord) => ({
			id: lesion.id,
			region: region.region,
			firstImage: region.firstImage * scale + (framed ? (region.frame ?? 0) : 0),
			lastImage: region.lastImage * scale + (framed ? (region.frame ?? FRAMES - 1) : 0)
		}))
	);
	return { regions, scale };
}

export interface MarkCodes {
	readers: ReadonlyMap<string, string>;
	cases: ReadonlyMap<string, string>;
	arms: ReadonlyMap<string, string>;
}

/**
 * The rows of marks.csv. `lesionsByCase` null: the study has no truth lesions, every lesion cell is
 * empty. `spacing(caseKey, image)`: the image's pixel spacing, null when it has none.
 */
export function markRows(
	reads: ReadonlyArray<
		Pick<StudyRead, 'id' | 'reader' | 'arm' | 'caseKey' | 'supersedes' | 'marks'>
	>,
	lesionsByCase: ReadonlyMap<string, readonly CaseTruthLesion[]> | null,
	rule: MatchRule,
	spacing: (caseKey: string, image: number) => Spacing | null,
	codes: MarkCodes
): Cell[][] {
	const version = new Map<number, number>();
	const superseded = new Set<number>();
	for (const read of reads) {
		version.set(read.id, read.supersedes === null ? 1 : (version.get(read.supersedes) ?? 0) + 1);
		if (read.supersedes !== null) superseded.add(read.supersedes);
	}
	const code = (book: ReadonlyMap<string, string>, id: string) => {
		const value = book.get(id);
		if (value === undefined) throw new Error(`no code for '${id}'`);
		return value;
	};
	const classify = (marks: StoredMark[], lesions: readonly CaseTruthLesion[], caseKey: string) => {
		const { regions, scale } = caseRegions(lesions);
		const folded = (mark: StoredMark) =>
			scale === 1 ? mark.image : mark.image * scale + (mark.frame ?? 0);
		return matchMarks(
			marks.map((mark): CaseMark => ({
				image: folded(mark),
				x: mark.x,
				y: mark.y,
				box: boxOf(mark),
				rating: mark.confidence
			})),
			regions,
			rule,
			(image) => spacing(caseKey, Math.floor(image / scale))
		).lesion;
	};
	const rows = reads.flatMap((read) => {
		const marks = JSON.parse(read.marks) as StoredMark[];
		if (marks.length === 0) return [];
		const matched = lesionsByCase
			? classify(marks, lesionsByCase.get(read.caseKey) ?? [], read.caseKey)
			: null;
		return marks.map((mark, index): Cell[] => {
			const box = boxOf(mark);
			return [
				code(codes.readers, read.reader),
				code(codes.arms, read.arm),
				code(codes.cases, read.caseKey),
				matched ? (matched[index] ?? 0) : null,
				mark.confidence,
				version.get(read.id)!,
				superseded.has(read.id) ? 1 : 0,
				index + 1,
				mark.image,
				mark.frame ?? null,
				mark.x,
				mark.y,
				box?.x0 ?? null,
				box?.y0 ?? null,
				box?.x1 ?? null,
				box?.y1 ?? null
			];
		});
	});
	const key = (cells: Cell[]) =>
		[
			cells[0],
			cells[1],
			cells[2],
			String(cells[5]).padStart(6, '0'),
			String(cells[7]).padStart(6, '0')
		].join(' ');
	return rows.sort((left, right) => compareCodeUnits(key(left), key(right)));
}
