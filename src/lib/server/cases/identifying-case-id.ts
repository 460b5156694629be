// A case id must not be one of its images' DICOM identifiers: the case id becomes a folder name,
// database rows, schedule rows and audit entries, none of which de-identification reaches. When
// case ids are accession numbers or patient IDs (no mapping file), the import refuses the images
// unless the operator overrides it with a reason (audited).
import type { ElementMap } from 'dcmjs';
import { texts } from '../dicom/dicom-file';

/** Identifying attributes (PS3.15 Table E.1-1), by tag, searched at any depth of the data set. */
export const IDENTIFIERS: ReadonlyArray<readonly [tag: string, keyword: string]> = [
	['00100020', 'PatientID'],
	['00100010', 'PatientName'],
	['00101000', 'OtherPatientIDs'],
	['00101001', 'OtherPatientNames'],
	['00101005', 'PatientBirthName'],
	['00101060', 'PatientMotherBirthName'],
	['00101090', 'MedicalRecordLocator'],
	['00080050', 'AccessionNumber'],
	['00200010', 'StudyID'],
	['0020000D', 'StudyInstanceUID'],
	['0020000E', 'SeriesInstanceUID'],
	['00080018', 'SOPInstanceUID'],
	['00401001', 'RequestedProcedureID'],
	['00400009', 'ScheduledProcedureStepID'],
	['00400253', 'PerformedProcedureStepID'],
	['00402016', 'PlacerOrderNumberImagingServiceRequest'],
	['00402017', 'FillerOrderNumberImagingServiceRequest'],
	['00380010', 'AdmissionID'],
	['00181000', 'DeviceSerialNumber']
];
const PERSON_NAMES = new Set(['00100010', '00101001', '00101005', '00101060']);
const MAX_DEPTH = 4;

const normal = (value: string) => value.trim().toUpperCase();

/** The keyword of the first identifier of the data set equal to the case id, or null. */
export function identifierNamingCase(caseKey: string, dict: ElementMap): string | null {
	const wanted = normal(caseKey);
	if (wanted === '') return null;
	for (const [tag, keyword] of IDENTIFIERS) if (holds(dict, tag, wanted, 0)) return keyword;
	return null;
}

function holds(dict: ElementMap, tag: string, wanted: string, depth: number): boolean {
	const element = dict[tag];
	if (element) {
		for (const value of texts(element)) {
			const candidates = PERSON_NAMES.has(tag) ? [value, ...value.split(/[\^= ]/)] : [value];
			if (candidates.some((candidate) => normal(candidate) === wanted)) return true;
		}
	}
	if (depth >= MAX_DEPTH) return false;
	return Object.values(dict).some(
		(candidate) =>
			candidate?.vr === 'SQ' &&
			(candidate.Value ?? []).some(
				(item) =>
					item !== null &&
					typeof item === 'object' &&
					holds(item as ElementMap, tag, wanted, depth + 1)
			)
	);
}

export function identifyingCaseIdReason(caseKey: string, keyword: string): string {
	return `case ${caseKey} is named by this image's ${keyword} (a DICOM identifier), so the identifier would become a folder name and database rows: rename the case and match through a mapping file (--mapping), or import with --allow-identifying-case-ids "<reason>"`;
}
