// The marks of a simulated read in a lesion-level demo study (rating.task froc or lroc): the
// radiological search model (stats/simulate/simulated-froc-reader.ts) plays the reader, with the
// case's truth lesions as the places a lesion can be found and the case's images as where
// non-lesion marks fall. Like the rest of the simulator, this is the one reader-like code that may
// read the truth; it never runs for a study that is not `demo: true`.
import type { DbOrTx } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { LesionMark } from '../../domain/read.schema';
import type { LesionRegionRecord } from '../../design/protocol/lesion-table';
import { caseImageFiles } from '../reads/case-image-files';
import { imageSize } from '../dicom/image-size';
import type { CaseTruthLesion } from '../cases/truth-lesions';
import type { SimulationRandom } from '../../stats/random';
import {
	scoreOnScale,
	simulateFrocMarks,
	type RsmReader,
	type SimulatedImage,
	type SimulatedLesion
} from '../../stats/simulate/simulated-froc-reader';
import type { SimulatedReader, SimulatedCase } from '../../stats/simulate/simulated-reader';

/** Search parameters of the demo readers: about 0.3 kept NLs per case, most lesions found. */
const DEMO_SEARCH = { lambdaPrime: 0.9, nuPrime: 1.2, zeta1: 0 };
/** Half the side of a box drawn around a non-lesion mark, in pixels. */
const NL_BOX_HALF = 20;

export interface CaseLayout {
	images: SimulatedImage[];
	lesions: SimulatedLesion[];
	/** Each lesion's box, for box marks (same order as `lesions`). */
	boxes: Array<{ x0: number; y0: number; x1: number; y1: number }>;
}

/** Where a case's lesions and images are, for the simulator. */
export async function caseLayout(
	db: DbOrTx,
	caseId: number,
	lesions: readonly CaseTruthLesion[]
): Promise<CaseLayout> {
	const images = (await caseImageFiles(db, caseId)).map((file) => {
		const size = imageSize(file.path, file.sha256);
		return { columns: size?.columns ?? 512, rows: size?.rows ?? 512 };
	});
	const regions = lesions.map((lesion) => lesion.regions[0]!);
	return {
		images,
		lesions: regions.map((region) => ({ image: region.firstImage, ...centreOf(region) })),
		boxes: regions.map(boxOf)
	};
}

function centreOf(region: LesionRegionRecord): { x: number; y: number; spreadPx: number } {
	const { x0, y0, x1, y1 } = boxOf(region);
	const spreadPx = region.region.kind === 'point' ? 3 : Math.min(x1 - x0, y1 - y0) / 4;
	return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, spreadPx };
}

function boxOf(region: LesionRegionRecord): { x0: number; y0: number; x1: number; y1: number } {
	const shape = region.region;
	if (shape.kind === 'box') return shape.box;
	if (shape.kind === 'point')
		return { x0: shape.x - 15, y0: shape.y - 15, x1: shape.x + 15, y1: shape.y + 15 };
	const xs = shape.points.map(([x]) => x);
	const ys = shape.points.map(([, y]) => y);
	return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** The RSM reader for one read: the reader's skill, the AI's benefit in an aided read, the case's effect. */
function rsmReader(reader: SimulatedReader, item: SimulatedCase, withAi: boolean): RsmReader {
	const mu = Math.max(0.3, reader.skill + (withAi ? reader.aiBenefit : 0) + 0.5 * item.effect);
	return { mu, ...DEMO_SEARCH };
}

/** The answer fields of a simulated FROC or LROC read (decision and confidence for LROC only). */
export function simulatedLesionAnswer(
	protocol: Protocol,
	layout: CaseLayout,
	reader: SimulatedReader,
	item: SimulatedCase,
	withAi: boolean,
	caseRead: { decision: 0 | 1; confidence: number },
	random: SimulationRandom
): { marks: LesionMark[]; noLesion?: boolean; decision?: 0 | 1; confidence?: number } {
	const { rating } = protocol;
	const drawn = simulateFrocMarks(
		rsmReader(reader, item, withAi),
		layout.lesions,
		layout.images,
		random
	);
	const toMark = (index: number, rated: number): LesionMark => {
		const mark = drawn[index]!;
		const at = { image: mark.image, x: mark.x, y: mark.y, confidence: rated };
		if (rating.mark_shape !== 'box') return at;
		return { ...at, ...boxAround(mark, layout) };
	};
	if (rating.task === 'froc') {
		const marks = drawn.map((mark, index) =>
			toMark(index, scoreOnScale(mark.score, rating.confidence))
		);
		return marks.length > 0 ? { marks } : { marks, noLesion: true };
	}
	// LROC: the case rating, and one mark on the most suspicious place found (else anywhere).
	const confidence =
		rating.confidence === 'percent'
			? caseRead.confidence
			: scoreOnScale(caseRead.confidence / 100, 'five-point');
	const best = drawn.reduce(
		(top, mark, index) => (mark.score > (drawn[top]?.score ?? -1) ? index : top),
		0
	);
	if (drawn.length > 0)
		return { decision: caseRead.decision, confidence, marks: [toMark(best, confidence)] };
	const image = layout.images[0] ?? { columns: 512, rows: 512 };
	const somewhere = { image: 1, x: Math.floor(image.columns / 2), y: Math.floor(image.rows / 2) };
	return { decision: caseRead.decision, confidence, marks: [{ ...somewhere, confidence }] };
}

/**
 * A box mark: a lesion's box moved with the mark's jitter where the mark falls on a lesion's image
 * near its centre, else a square around the point; always inside the image, centred on x, y.
 */
function boxAround(
	mark: { image: number; x: number; y: number; near?: number },
	layout: CaseLayout
): { x: number; y: number; box: { x0: number; y0: number; x1: number; y1: number } } {
	const size = layout.images[mark.image - 1] ?? { columns: 512, rows: 512 };
	const lesion = mark.near === undefined ? undefined : layout.boxes[mark.near];
	const half = lesion
		? { x: (lesion.x1 - lesion.x0) / 2, y: (lesion.y1 - lesion.y0) / 2 }
		: { x: NL_BOX_HALF, y: NL_BOX_HALF };
	const x0 = Math.max(0, Math.round(mark.x - half.x));
	const y0 = Math.max(0, Math.round(mark.y - half.y));
	const x1 = Math.min(size.columns - 1, Math.max(x0 + 1, Math.round(mark.x + half.x)));
	const y1 = Math.min(size.rows - 1, Math.max(y0 + 1, Math.round(mark.y + half.y)));
	return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, box: { x0, y0, x1, y1 } };
}
