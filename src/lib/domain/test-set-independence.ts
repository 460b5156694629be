// The latest check of the test set's independence from the training data, as the admin's study
// page, `tandem cases report` and the verification report show it (server:
// src/lib/server/cases/independence-check.service.ts).

/** A test case that shares a patient or an institution with the training data. */
export interface IndependenceOverlap {
	case: string;
	/** One of its images has a patient whose keyed hash is in the manifest. */
	patient: boolean;
	/** One of its images comes from an institution whose keyed hash is in the manifest. */
	institution: boolean;
}

export interface IndependenceResult {
	/** Cases compared (with a patient hash under the exchange key). */
	cases: number;
	overlaps: IndependenceOverlap[];
	/** Cases that could not be compared: no image with a patient hash under this exchange key. */
	unchecked: string[];
	/** Codes of the protocol's sites whose declared name hashes to a training institution. */
	sites: string[];
}

export interface IndependenceCheckView extends IndependenceResult {
	checkedAt: Date;
	checkedBy: string;
	manifestSha256: string;
	manifestRows: number;
	exchangeKeyId: string;
	/** The frozen dataset version checked, or null when the case set was not frozen. */
	datasetVersion: number | null;
	datasetFingerprint: string;
	/** Whether the case set is still the one checked (same fingerprint). */
	current: boolean;
}
