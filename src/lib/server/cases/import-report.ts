// What an import reports: its options, its progress after each file, and the final report.
import type { MatchKey } from './case-matching';
import type { ImportSource } from './import-sources';
import type { ExchangeKey } from './exchange-hash';
import type { ImageStore } from '../images/image-store';

export interface FileProblem {
	path: string;
	reason: string;
}

export interface ImportProgress {
	done: number;
	total: number;
	imported: number;
	alreadyImported: number;
	skipped: number;
	failed: number;
}

export interface ImportOptions {
	source: ImportSource;
	match: MatchKey;
	/** A mapping CSV (file name for messages, and its text); without it the case id is the key value. */
	mapping?: { file: string; text: string };
	/**
	 * What the import run and the audit record as the source instead of a folder's path (which may
	 * name a patient): e.g. "site A export, June". Without it, a keyed hash of the path.
	 */
	sourceLabel?: string;
	/**
	 * Import images whose case id equals one of their DICOM identifiers (accession number, patient
	 * ID…) anyway: the reason, audited. Without it such images are refused.
	 */
	allowIdentifyingCaseIds?: string;
	/** The de-identification key file (default: beside the database, one per study). */
	keyFile?: string;
	/** The key agreed with the sponsor (TANDEM_EXCHANGE_KEY_FILE): patient and institution hashes are kept. */
	exchangeKey?: ExchangeKey;
	/** Where the images go (default: the configured store, TANDEM_IMAGE_STORE). */
	store?: ImageStore;
	onProgress?: (progress: ImportProgress, current: string) => void;
	/** Stops the import between two files; what was stored stays, a re-run resumes. */
	signal?: AbortSignal;
	now?: () => Date;
}

export interface ImportReport extends ImportProgress {
	runId: number;
	/** Files read but not imported: no matching case, or a case whose images were loaded with the protocol. */
	skippedFiles: FileProblem[];
	/** Files that could not be read: not DICOM, truncated, corrupt, or not an image. */
	failedFiles: FileProblem[];
	casesTouched: string[];
	burnedInFlagged: number;
	missingTagImages: number;
	lossyImages: number;
}

export function progressOf(report: ImportReport): ImportProgress {
	const { done, total, imported, alreadyImported, skipped, failed } = report;
	return { done, total, imported, alreadyImported, skipped, failed };
}
