// One incoming file, before anything is stored: read and check it, find its case, run the
// inclusion checks on it and de-identify it. Returns the de-identified bytes with everything the
// import records, or why the file is skipped. Writes nothing.
import type { ElementMap } from 'dcmjs';
import {
	DicomFileProblem,
	TAG,
	number,
	readDicomFile,
	text,
	writeDicomFile
} from '../dicom/dicom-file';
import { acquisitionHeader, type AcquisitionHeader } from './acquisition-header';
import { exchangeHashesOf, type ExchangeHashes, type ExchangeKey } from './exchange-hash';
import { deidentify, type DeidChange } from '../dicom/deidentify/deidentify';
import type { Pseudonymizer } from '../dicom/deidentify/deid-key';
import { inclusionFindings, type InclusionFindings } from '../dicom/inclusion';
import { sha256Hex } from '../crypto/hash';
import { KEY_ATTRIBUTE, type CaseMatcher } from './case-matching';
import { storedFileName } from './case-images';
import { identifierNamingCase, identifyingCaseIdReason } from './identifying-case-id';
import { readHangingTags, type HangingTags } from '../dicom/hanging-tags';
import { cleanSeriesDescription } from './series-descriptor';

export interface PreparedInstance {
	caseKey: string;
	sopInstanceUid: string;
	studyInstanceUid: string;
	seriesInstanceUid: string;
	sopClassUid: string;
	modality: string | null;
	seriesNumber: number | null;
	instanceNumber: number | null;
	fileName: string;
	bytes: Uint8Array;
	sha256: string;
	transferSyntaxUid: string;
	findings: InclusionFindings;
	header: AcquisitionHeader & {
		manufacturer: string | null;
		model: string | null;
		sex: string | null;
		age: string | null;
		bodyPart: string | null;
		/** The patient's pseudonym (a keyed hash), to tell a SOP Instance UID collision from a re-import. */
		patient: string;
		/** The study's date and time, shifted: a case's studies are listed oldest first (case-images.ts). */
		studyDate: string | null;
		studyTime: string | null;
		/** NumberOfFrames (1 when absent). */
		frames: number;
		/**
		 * What hanging protocols look at, from the de-identified file (dates shifted, UIDs remapped);
		 * the series description from the source, if clean (series-descriptor.ts).
		 */
		hanging: HangingTags;
		/** Keyed hashes of the patient ID and institution for the independence check (exchange-hash.ts). */
		exchange?: ExchangeHashes;
	};
	/** SHA-256 of the file as it came in, for the operator. */
	sourceSha256: string;
	changes: DeidChange[];
	/** The identifier the case id equals, imported under the operator's override; else null. */
	identifyingCaseId: string | null;
}

/** An image already stored (or imported earlier in this run) under a de-identified SOP Instance UID. */
export interface StoredRef {
	/** The stored file (earlier run) or the source file (this run). */
	path: string;
	sha256: string;
	/** The patient's pseudonym; null for images stored before it was recorded. */
	patient: string | null;
	earlier: boolean;
}

export interface PrepareOptions {
	/** Import images whose case id equals one of their identifiers (the operator's audited override). */
	allowIdentifyingCaseIds: boolean;
	/** The key agreed with the sponsor: the patient ID and institution are kept as keyed hashes. */
	exchangeKey?: ExchangeKey;
}

export type Preparation =
	| { kind: 'prepared'; instance: PreparedInstance }
	| { kind: 'already-imported'; sopInstanceUid: string }
	| { kind: 'skipped'; reason: string }
	| { kind: 'failed'; reason: string };

/** Whose dates and pseudonym: the patient ID, else the name, else the study (PS3.15 keeps one patient's offset constant). */
function patientKeyOf(dict: ElementMap): string {
	const id = text(dict, TAG.patientId);
	if (id) return `id:${id}`;
	const name = text(dict, TAG.patientName);
	if (name) return `name:${name}`;
	return `study:${text(dict, TAG.studyInstanceUid) ?? ''}`;
}

/**
 * Never throws for a bad file: whatever a parser or the de-identifier trips over in it becomes a
 * reason, a sentence about the file (no library internals).
 */
export function prepareInstance(
	bytes: Uint8Array,
	matcher: CaseMatcher,
	pseudonymizer: Pseudonymizer,
	storedAs: (sopInstanceUid: string) => StoredRef | undefined,
	options: PrepareOptions = { allowIdentifyingCaseIds: false }
): Preparation {
	try {
		return prepare(bytes, matcher, pseudonymizer, storedAs, options);
	} catch (error) {
		if (error instanceof DicomFileProblem) return { kind: 'failed', reason: error.message };
		return {
			kind: 'failed',
			reason:
				'could not be de-identified: its data set holds an element whose value or type is damaged'
		};
	}
}

function prepare(
	bytes: Uint8Array,
	matcher: CaseMatcher,
	pseudonymizer: Pseudonymizer,
	storedAs: (sopInstanceUid: string) => StoredRef | undefined,
	options: PrepareOptions
): Preparation {
	const source = readDicomFile(bytes);
	const originalSop = text(source.dict, TAG.sopInstanceUid) ?? text(source.meta, '00020003');
	if (!originalSop) return { kind: 'failed', reason: 'no SOPInstanceUID (0008,0018)' };
	const sopInstanceUid = pseudonymizer.uid(originalSop);
	const patientKey = patientKeyOf(source.dict);
	const patient = pseudonymizer.pseudonym(patientKey);
	const sourceSha256 = sha256Hex(bytes);
	const stored = storedAs(sopInstanceUid);
	if (stored && (stored.patient === null || stored.patient === patient))
		return { kind: 'already-imported', sopInstanceUid };
	if (stored)
		return {
			kind: 'failed',
			reason: `SOP Instance UID collision: ${stored.path} (${stored.earlier ? 'stored earlier, ' : ''}sha256 ${stored.sha256}) has the same SOP Instance UID but belongs to another patient; this file (sha256 ${sourceSha256}) is not imported`
		};

	const keyValue = matcher.valueIn(source.dict);
	const attribute = KEY_ATTRIBUTE[matcher.key];
	if (!keyValue)
		return {
			kind: 'skipped',
			reason: `no ${attribute} in the header: cannot be matched to a case`
		};
	const caseKey = matcher.caseFor(keyValue);
	if (!caseKey) return { kind: 'skipped', reason: `its ${attribute} matches no case of the study` };
	const identifyingCaseId = identifierNamingCase(caseKey, source.dict);
	if (identifyingCaseId && !options.allowIdentifyingCaseIds)
		return { kind: 'failed', reason: identifyingCaseIdReason(caseKey, identifyingCaseId) };

	const findings = inclusionFindings(source);
	const { file, changes } = deidentify(source, {
		remapUid: (uid) => pseudonymizer.uid(uid),
		dateOffsetDays: pseudonymizer.dateOffsetDays(patientKey),
		pseudonym: pseudonymizer.pseudonym(patientKey)
	});
	let out: Uint8Array;
	try {
		out = writeDicomFile(file);
		readDicomFile(out); // what is stored must read back
	} catch (error) {
		const why = error instanceof DicomFileProblem ? `: ${error.message}` : '';
		return {
			kind: 'failed',
			reason: `could not be written de-identified (the written file would not read back${why})`
		};
	}
	const seriesNumber = number(file.dict, TAG.seriesNumber);
	const instanceNumber = number(file.dict, TAG.instanceNumber);
	return {
		kind: 'prepared',
		instance: {
			caseKey,
			sopInstanceUid,
			studyInstanceUid: text(file.dict, TAG.studyInstanceUid) ?? '',
			seriesInstanceUid: text(file.dict, TAG.seriesInstanceUid) ?? '',
			sopClassUid: text(file.dict, TAG.sopClassUid) ?? '',
			modality: findings.modality,
			seriesNumber,
			instanceNumber,
			fileName: storedFileName(seriesNumber, instanceNumber, sha256Hex(sopInstanceUid)),
			bytes: out,
			sha256: sha256Hex(out),
			transferSyntaxUid: text(file.meta, TAG.transferSyntaxUid) ?? '',
			findings,
			header: {
				manufacturer: text(file.dict, TAG.manufacturer),
				model: text(file.dict, TAG.manufacturerModelName),
				sex: text(file.dict, TAG.patientSex),
				age: text(file.dict, TAG.patientAge),
				bodyPart: text(file.dict, '00180015'),
				...acquisitionHeader(source.dict, file.dict),
				patient,
				studyDate: text(file.dict, TAG.studyDate),
				studyTime: text(file.dict, '00080030'),
				frames: number(file.dict, TAG.numberOfFrames) ?? 1,
				// The stored file has no SeriesDescription (PS3.15 removes it): hanging keeps a clean one.
				hanging: {
					...readHangingTags(out),
					seriesDescription: cleanSeriesDescription(source.dict)
				},
				...(options.exchangeKey
					? { exchange: exchangeHashesOf(options.exchangeKey, source.dict) }
					: {})
			},
			sourceSha256,
			changes,
			identifyingCaseId
		}
	};
}
