// A correction of a submitted read (READ-4), as the correction form sends it and the services take
// it, and what the forms and lists show of a read. Shared by client and server; the server checks
// the values against the study's rating scale and the case's images as it checks a read.
import { z } from 'zod';
import { lesionMarkSchema, type LesionMark } from './read.schema';
import { measurementsSchema, type Measurement } from './measurement';
import { requiredText, TEXT_MAX } from './free-text';
import type { Protocol } from '../design/protocol/protocol.schema';

export const readCorrectionSchema = z.strictObject({
	/** The read corrected: its latest version (a superseded one is refused). */
	read: z.int().positive(),
	decision: z.union([z.literal(0), z.literal(1)]),
	confidence: z.int(),
	marks: z.array(lesionMarkSchema).max(50).default([]),
	/** The measurements kept (a correction may remove some, not draw new ones). */
	measurements: measurementsSchema.default([]),
	comment: z.string().trim().max(2000).optional(),
	reason: requiredText(TEXT_MAX.reason, 'a correction needs a reason')
});

export type ReadCorrection = z.input<typeof readCorrectionSchema>;

/** Who filed a correction. */
export type CorrectedBy = 'reader' | 'coordinator';

/** A read as its reader or their coordinator sees it in a list: no case, no arm, no truth. */
export interface SubmittedReadRow {
	/** The id of the read's current version (the one a correction supersedes). */
	read: number;
	/** The reader's code (shown to coordinators). */
	reader: string;
	period: number;
	session: number;
	/** The case's place in its session (1-based), not its identity. */
	position: number;
	decision: number | null;
	confidence: number | null;
	submittedAt: Date;
	/** 1 as submitted; 2… after corrections. */
	version: number;
}

/** What the correction form starts from: the read's current values and the study's rating form. */
export interface CorrectionForm {
	row: SubmittedReadRow;
	study: { slug: string; title: string };
	rating: Protocol['rating'];
	marks: LesionMark[];
	measurements: Measurement[];
	comment: string | null;
}
