// What each read must carry for the protocol's endpoints to be analysed: the rating for the AUC,
// the binary decision for sensitivity and specificity, the reader's reading time for a
// reading-time endpoint. The read service requires them at submit; the lock refuses a study
// while any read lacks one.
import type { Endpoint, Protocol } from './protocol.schema';

export type ReadField = 'confidence' | 'decision' | 'readingTimeMs';

/** Lesion-level metrics need the read's marks, which may rightly be none: no field is required. */
const FIELD_OF: Record<Endpoint['metric'], ReadField | null> = {
	auc: 'confidence',
	sensitivity: 'decision',
	specificity: 'decision',
	reading_time: 'readingTimeMs',
	wafroc: null,
	afroc: null,
	lesion_sensitivity: null,
	fp_per_image: null,
	lroc: null
};

/** How a field is named in messages. */
export const READ_FIELD_LABEL: Record<ReadField, string> = {
	confidence: 'confidence',
	decision: 'decision',
	readingTimeMs: 'reading time'
};

/** The fields the protocol's endpoints (primary and secondary) need, in a fixed order. */
export function readFieldsNeeded(protocol: Pick<Protocol, 'endpoints'>): ReadField[] {
	const metrics = [...protocol.endpoints.primary, ...protocol.endpoints.secondary].map(
		(endpoint) => FIELD_OF[endpoint.metric]
	);
	return (['confidence', 'decision', 'readingTimeMs'] as const).filter((field) =>
		metrics.includes(field)
	);
}

/** The needed fields a read lacks (a reading time must be a positive number of milliseconds). */
export function missingReadFields(
	read: { confidence: number | null; decision: number | null; readingTimeMs: number | null },
	needed: readonly ReadField[]
): ReadField[] {
	return needed.filter((field) => {
		const value = read[field];
		if (value === null || value === undefined) return true;
		return field === 'readingTimeMs' && !(value > 0);
	});
}
