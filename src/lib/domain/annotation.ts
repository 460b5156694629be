// The reference standard made inside Tandem (CAS-4; seed 001 table 2): what an annotator submits
// for a case, and what the annotation and adjudication workstations are given. Shared by the
// browser and the server; the rules (blinding, consensus, routing) live in
// $lib/server/reference-standard and the pure comparison in $lib/design/reference-standard.
import { z } from 'zod';

/** Pixel coordinates on an image: x along a row (columns), y down the image (rows). */
const coordinate = z.number().finite().min(-1).max(100_000);

export const annotationBoxSchema = z
	.strictObject({ x0: coordinate, y0: coordinate, x1: coordinate, y1: coordinate })
	.refine((box) => box.x0 < box.x1 && box.y0 < box.y1, {
		message: 'a box needs x0 < x1 and y0 < y1',
		path: ['x1']
	});

/**
 * Where a lesion lies on one image (or on every image of firstImage…lastImage): a point with a
 * radius in mm (through the image's PixelSpacing), a box, or a freehand contour (a closed polygon).
 * The same shapes as truth lesions (stats/lesion/match-marks.ts LesionRegion).
 */
export const annotationRegionSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('point'),
		x: coordinate,
		y: coordinate,
		radiusMm: z.number().finite().positive().max(500)
	}),
	z.strictObject({ kind: z.literal('box'), box: annotationBoxSchema }),
	z.strictObject({
		kind: z.literal('contour'),
		points: z
			.array(z.tuple([coordinate, coordinate]))
			.min(3)
			.max(2000)
	})
]);
export type AnnotationRegion = z.infer<typeof annotationRegionSchema>;

/** One outlined lesion. A lesion on a stack spans firstImage…lastImage (1-based, within the case). */
export const annotationLesionSchema = z
	.strictObject({
		/** The annotator's own label for it (L1, L2…), unique within the annotation. */
		id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/),
		firstImage: z.number().int().min(1).max(10_000),
		lastImage: z.number().int().min(1).max(10_000),
		region: annotationRegionSchema,
		/** The protocol's lesion attributes (type, size_mm measured with the length tool…). */
		attributes: z.record(z.string().max(64), z.string().max(200)).default({})
	})
	.refine((lesion) => lesion.firstImage <= lesion.lastImage, {
		message: 'lastImage must not come before firstImage',
		path: ['lastImage']
	});
export type AnnotationLesion = z.infer<typeof annotationLesionSchema>;

/**
 * What an annotator (or the adjudicator deciding a case) submits. classification: 1 diseased,
 * 0 non-diseased (the study's truth classes); a non-diseased case has no lesions. clientId makes
 * a repeated submit idempotent.
 */
export const annotationInputSchema = z
	.strictObject({
		clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
		classification: z.union([z.literal(0), z.literal(1)]),
		lesions: z.array(annotationLesionSchema).max(50).default([]),
		/** Free text: what the annotator wants the adjudicator to know. */
		note: z.string().max(2000).optional()
	})
	.refine((input) => input.classification === 1 || input.lesions.length === 0, {
		message: 'a non-diseased case has no lesions',
		path: ['lesions']
	})
	.refine(
		(input) => new Set(input.lesions.map((lesion) => lesion.id)).size === input.lesions.length,
		{
			message: 'each lesion needs its own id',
			path: ['lesions']
		}
	);
export type AnnotationInput = z.infer<typeof annotationInputSchema>;

/** A draft: anything so far (autosaved), checked only for shape. */
export const annotationDraftSchema = z.strictObject({
	classification: z.union([z.literal(0), z.literal(1)]).nullable(),
	lesions: z.array(annotationLesionSchema).max(50),
	note: z.string().max(2000).optional()
});
export type AnnotationDraft = z.infer<typeof annotationDraftSchema>;

/** An image of the case as the workstation fetches it (a DICOM Part 10 file). */
export interface AnnotationImage {
	/** 1-based position within the case. */
	n: number;
	url: string;
}

/** What the annotation workstation is given for one task: one case, the annotator's own work only. */
export interface AnnotationView {
	task: number;
	study: { slug: string; title: string };
	/** "Case 3 of 40": the annotator's position in their own list, not the case key. */
	position: { index: number; total: number; done: number };
	images: AnnotationImage[];
	/** The shapes the protocol allows an outline to take. */
	shapes: Array<AnnotationRegion['kind']>;
	/** The lesion attribute names the protocol asks for (e.g. type, size_mm). */
	lesionAttributes: string[];
	/** The annotator's own draft or submitted annotation; never anyone else's. */
	draft: AnnotationDraft | null;
	submitted: boolean;
	/** The annotator's next open task, if any. */
	next: number | null;
}

/** One annotator's work on a case as the adjudicator sees it: anonymised A, B, C… */
export interface LabelledAnnotation {
	label: string;
	classification: 0 | 1;
	lesions: AnnotationLesion[];
	note?: string;
}

/** What the adjudicator is given for a case in their queue (or in the QC sample). */
export interface AdjudicationView {
	/** The case's id in Tandem (the adjudicator's queue lists cases, not tasks). */
	caseRef: number;
	study: { slug: string; title: string };
	/** adjudication: the annotators disagreed; qc: a consensus case drawn for the QC re-check. */
	mode: 'adjudication' | 'qc';
	images: AnnotationImage[];
	shapes: Array<AnnotationRegion['kind']>;
	lesionAttributes: string[];
	annotations: LabelledAnnotation[];
	/** Why the case came here, in words: "A: diseased, B: non-diseased", "lesion A-L1 ↔ B-L1 IoU 0.31 < 0.5"… */
	reasons: string[];
	/** qc: the truth the consensus gave, to confirm or correct. */
	consensus: { classification: 0 | 1; lesions: AnnotationLesion[] } | null;
	decided: boolean;
}

/** The adjudicator's decision on a case of their queue: the final truth, and why. */
export const adjudicationDecisionSchema = z.strictObject({
	decision: annotationInputSchema,
	reason: z.string().trim().min(1, 'say why (the reason is recorded)').max(2000)
});
export type AdjudicationDecision = z.infer<typeof adjudicationDecisionSchema>;

/** The adjudicator's QC re-check of a consensus case: confirmed as is, or corrected (with why). */
export const qcCheckSchema = z.discriminatedUnion('outcome', [
	z.strictObject({ outcome: z.literal('confirmed'), note: z.string().max(2000).optional() }),
	z.strictObject({
		outcome: z.literal('corrected'),
		decision: annotationInputSchema,
		note: z.string().trim().min(1, 'say what was wrong (the note is recorded)').max(2000)
	})
]);
export type QcCheck = z.infer<typeof qcCheckSchema>;

/** An annotator's tasks, per study, in their own order. */
export interface AnnotatorWorklist {
	studies: Array<{
		slug: string;
		title: string;
		total: number;
		done: number;
		tasks: Array<{ task: number; index: number; status: 'open' | 'draft' | 'submitted' }>;
	}>;
}

/** The adjudicator's queue, per study: disagreements to decide and QC cases to re-check. */
export interface AdjudicationQueue {
	studies: Array<{
		slug: string;
		title: string;
		cases: Array<{
			caseRef: number;
			mode: 'adjudication' | 'qc';
			decided: boolean;
			reasons: string[];
		}>;
	}>;
}
