// The analyses list contrasts as a − b in natural order of the modality labels; a trial reads
// them as test − reference. Flipping a contrast negates the estimate and swaps the limits.
import { DesignError } from '../design-error';
import type { Contrast } from '../mrmc/types';
import type { ArmPair } from './trial-input';

/** A contrast without its modality names: read as test − reference. */
export type Difference = Omit<Contrast, 'modalityA' | 'modalityB'>;

export function orientedDifference(diffs: readonly Contrast[], arms: ArmPair): Difference {
	for (const row of diffs) {
		const base = { se: row.se, p: row.p, ...(row.df === undefined ? {} : { df: row.df }) };
		if (row.modalityA === arms.test && row.modalityB === arms.reference)
			return { ...base, estimate: row.estimate, ciLower: row.ciLower, ciUpper: row.ciUpper };
		if (row.modalityA === arms.reference && row.modalityB === arms.test)
			return { ...base, estimate: -row.estimate, ciLower: -row.ciUpper, ciUpper: -row.ciLower };
	}
	throw new DesignError(`no contrast between '${arms.test}' and '${arms.reference}'`);
}
