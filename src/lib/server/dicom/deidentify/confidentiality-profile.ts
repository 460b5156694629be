// The attributes DICOM PS3.15 Annex E (Table E.1-1, Basic Application Level Confidentiality
// Profile) names, with the action Tandem takes on each (CAS-2). Pure data and a lookup.
//
// Actions (PS3.15 E.1.1): X remove, Z empty (type 2: keep the element, zero length), D replace
// with a dummy value, U replace a UID by a consistent new one, K keep. Where the table allows
// several (X/Z/D), the strictest the object's validity allows is taken. Two profile options apply:
//   - Retain Longitudinal Temporal Information with Modified Dates (PS3.15 E.3.6): dates are
//     shifted by a per-patient secret offset instead of removed, so intervals survive ('shift');
//     times are kept (a shift by whole days leaves them valid);
//   - Retain Patient Characteristics (E.3.5): sex, age, size and weight are kept (strata, CAS-1);
//     the birth date is removed and the age kept (or computed from it) — CAS-2 "birth date → age".
// deidentify.ts first keeps only the allow-list (allowed-attributes.ts) and removes everything
// else — private elements, overlays and curves included — then applies this table to what is
// kept; an allowed attribute the table does not name keeps its value, except that a person name
// (PN) is removed, a date (DA, DT) shifted and a non-registry UID remapped. The 'remove' rows
// document the table; the allow-list never keeps one of them (a spec checks).

export type ProfileAction = 'remove' | 'empty' | 'dummy' | 'remap' | 'shift' | 'keep';

export interface ProfileEntry {
	/** "ggggeeee", upper-case hex, as dcmjs keys its elements. */
	tag: string;
	keyword: string;
	action: ProfileAction;
}

// [tag, keyword, action] — keywords as in PS3.6; the spec checks them against dcmjs's dictionary.
const TABLE: ReadonlyArray<readonly [string, string, ProfileAction]> = [
	['00080050', 'AccessionNumber', 'empty'],
	['00184000', 'AcquisitionComments', 'remove'],
	['00400555', 'AcquisitionContextSequence', 'remove'],
	['00080022', 'AcquisitionDate', 'shift'],
	['0008002A', 'AcquisitionDateTime', 'shift'],
	['00181400', 'AcquisitionDeviceProcessingDescription', 'remove'],
	['00189424', 'AcquisitionProtocolDescription', 'remove'],
	['00404035', 'ActualHumanPerformersSequence', 'remove'],
	['001021B0', 'AdditionalPatientHistory', 'remove'],
	['00380010', 'AdmissionID', 'remove'],
	['00380020', 'AdmittingDate', 'shift'],
	['00081084', 'AdmittingDiagnosesCodeSequence', 'remove'],
	['00081080', 'AdmittingDiagnosesDescription', 'remove'],
	['00380021', 'AdmittingTime', 'remove'],
	['00102110', 'Allergies', 'remove'],
	['0040A078', 'AuthorObserverSequence', 'remove'],
	['00101081', 'BranchOfService', 'remove'],
	['00181007', 'CassetteID', 'remove'],
	['00400280', 'CommentsOnThePerformedProcedureStep', 'remove'],
	['00403001', 'ConfidentialityConstraintOnPatientDataDescription', 'remove'],
	['00700084', 'ContentCreatorName', 'empty'],
	['00700086', 'ContentCreatorIdentificationCodeSequence', 'remove'],
	['00080023', 'ContentDate', 'shift'],
	['0040A730', 'ContentSequence', 'remove'],
	['0018A003', 'ContributionDescription', 'remove'],
	['00102150', 'CountryOfResidence', 'remove'],
	['00380300', 'CurrentPatientLocation', 'remove'],
	['00080025', 'CurveDate', 'remove'],
	['00080035', 'CurveTime', 'remove'],
	['0040A07C', 'CustodialOrganizationSequence', 'remove'],
	['FFFAFFFA', 'DigitalSignaturesSequence', 'remove'],
	['0018700A', 'DetectorID', 'remove'],
	['00181000', 'DeviceSerialNumber', 'remove'],
	['00181002', 'DeviceUID', 'remap'],
	['04000100', 'DigitalSignatureUID', 'remove'],
	['00209164', 'DimensionOrganizationUID', 'remap'],
	['00380040', 'DischargeDiagnosisDescription', 'remove'],
	['4008011A', 'DistributionAddress', 'remove'],
	['40080119', 'DistributionName', 'remove'],
	['300A0013', 'DoseReferenceUID', 'remap'],
	['00102160', 'EthnicGroup', 'remove'],
	['00080058', 'FailedSOPInstanceUIDList', 'remap'],
	['0070031A', 'FiducialUID', 'remap'],
	['00200052', 'FrameOfReferenceUID', 'remap'],
	['00181008', 'GantryID', 'remove'],
	['00181005', 'GeneratorID', 'remove'],
	['00404037', 'HumanPerformerName', 'remove'],
	['00404036', 'HumanPerformerOrganization', 'remove'],
	['00880200', 'IconImageSequence', 'remove'],
	['00084000', 'IdentifyingComments', 'remove'],
	['00204000', 'ImageComments', 'remove'],
	['00284000', 'ImagePresentationComments', 'remove'],
	['00402400', 'ImagingServiceRequestComments', 'remove'],
	['40080300', 'Impressions', 'remove'],
	['00080014', 'InstanceCreatorUID', 'remap'],
	['00080012', 'InstanceCreationDate', 'shift'],
	['00080081', 'InstitutionAddress', 'remove'],
	['00081040', 'InstitutionalDepartmentName', 'remove'],
	['00080082', 'InstitutionCodeSequence', 'remove'],
	['00080080', 'InstitutionName', 'remove'],
	['00101050', 'InsurancePlanIdentification', 'remove'],
	['00401011', 'IntendedRecipientsOfResultsIdentificationSequence', 'remove'],
	['40080111', 'InterpretationApproverSequence', 'remove'],
	['4008010C', 'InterpretationAuthor', 'remove'],
	['40080115', 'InterpretationDiagnosisDescription', 'remove'],
	['40080202', 'InterpretationIDIssuer', 'remove'],
	['40080102', 'InterpretationRecorder', 'remove'],
	['4008010B', 'InterpretationText', 'remove'],
	['4008010A', 'InterpretationTranscriber', 'remove'],
	['00083010', 'IrradiationEventUID', 'remap'],
	['00380011', 'IssuerOfAdmissionID', 'remove'],
	['00100021', 'IssuerOfPatientID', 'remove'],
	['00380061', 'IssuerOfServiceEpisodeID', 'remove'],
	['00281214', 'LargePaletteColorLookupTableUID', 'remap'],
	['001021D0', 'LastMenstrualDate', 'shift'],
	['04000404', 'MAC', 'remove'],
	['00020003', 'MediaStorageSOPInstanceUID', 'remap'],
	['00102000', 'MedicalAlerts', 'remove'],
	['00101090', 'MedicalRecordLocator', 'remove'],
	['00101080', 'MilitaryRank', 'remove'],
	['04000550', 'ModifiedAttributesSequence', 'remove'],
	['00203406', 'ModifiedImageDescription', 'remove'],
	['00203401', 'ModifyingDeviceID', 'remove'],
	['00203404', 'ModifyingDeviceManufacturer', 'remove'],
	['00081060', 'NameOfPhysiciansReadingStudy', 'remove'],
	['00401010', 'NamesOfIntendedRecipientsOfResults', 'remove'],
	['00102180', 'Occupation', 'remove'],
	['00081072', 'OperatorIdentificationSequence', 'remove'],
	['00081070', 'OperatorsName', 'remove'],
	['04000561', 'OriginalAttributesSequence', 'remove'],
	['00402010', 'OrderCallbackPhoneNumber', 'remove'],
	['00402008', 'OrderEnteredBy', 'remove'],
	['00402009', 'OrderEntererLocation', 'remove'],
	['00101000', 'OtherPatientIDs', 'remove'],
	['00101002', 'OtherPatientIDsSequence', 'remove'],
	['00101001', 'OtherPatientNames', 'remove'],
	['00080024', 'OverlayDate', 'remove'],
	['00080034', 'OverlayTime', 'remove'],
	['00281199', 'PaletteColorLookupTableUID', 'remap'],
	['0040A07A', 'ParticipantSequence', 'remove'],
	['00101040', 'PatientAddress', 'remove'],
	['00104000', 'PatientComments', 'remove'],
	['00100020', 'PatientID', 'dummy'],
	['00102203', 'PatientSexNeutered', 'remove'],
	['00380500', 'PatientState', 'remove'],
	['00401004', 'PatientTransportArrangements', 'remove'],
	['00101010', 'PatientAge', 'keep'],
	['00100030', 'PatientBirthDate', 'empty'],
	['00101005', 'PatientBirthName', 'remove'],
	['00100032', 'PatientBirthTime', 'remove'],
	['00380400', 'PatientInstitutionResidence', 'remove'],
	['00100050', 'PatientInsurancePlanCodeSequence', 'remove'],
	['00101060', 'PatientMotherBirthName', 'remove'],
	['00100010', 'PatientName', 'dummy'],
	['00100101', 'PatientPrimaryLanguageCodeSequence', 'remove'],
	['00100102', 'PatientPrimaryLanguageModifierCodeSequence', 'remove'],
	['001021F0', 'PatientReligiousPreference', 'remove'],
	['00100040', 'PatientSex', 'keep'],
	['00101020', 'PatientSize', 'keep'],
	['00102154', 'PatientTelephoneNumbers', 'remove'],
	['00101030', 'PatientWeight', 'keep'],
	['00400243', 'PerformedLocation', 'remove'],
	['00400254', 'PerformedProcedureStepDescription', 'remove'],
	['00400253', 'PerformedProcedureStepID', 'remove'],
	['00400244', 'PerformedProcedureStepStartDate', 'shift'],
	['00400241', 'PerformedStationAETitle', 'remove'],
	['00404030', 'PerformedStationGeographicLocationCodeSequence', 'remove'],
	['00400242', 'PerformedStationName', 'remove'],
	['00404028', 'PerformedStationNameCodeSequence', 'remove'],
	['00081052', 'PerformingPhysicianIdentificationSequence', 'remove'],
	['00081050', 'PerformingPhysicianName', 'remove'],
	['00401102', 'PersonAddress', 'remove'],
	['00401101', 'PersonIdentificationCodeSequence', 'remove'],
	['0040A123', 'PersonName', 'remove'],
	['00401103', 'PersonTelephoneNumbers', 'remove'],
	['40080114', 'PhysicianApprovingInterpretation', 'remove'],
	['00081062', 'PhysiciansReadingStudyIdentificationSequence', 'remove'],
	['00081048', 'PhysiciansOfRecord', 'remove'],
	['00081049', 'PhysiciansOfRecordIdentificationSequence', 'remove'],
	['00181004', 'PlateID', 'remove'],
	['00400012', 'PreMedication', 'remove'],
	['001021C0', 'PregnancyStatus', 'remove'],
	['00181030', 'ProtocolName', 'remove'],
	['00402001', 'ReasonForTheImagingServiceRequest', 'remove'],
	['00321030', 'ReasonForStudy', 'remove'],
	['04000402', 'ReferencedDigitalSignatureSequence', 'remove'],
	['30060024', 'ReferencedFrameOfReferenceUID', 'remap'],
	['00404023', 'ReferencedGeneralPurposeScheduledProcedureStepTransactionUID', 'remap'],
	['00381234', 'ReferencedPatientAliasSequence', 'remove'],
	['00081120', 'ReferencedPatientSequence', 'remove'],
	['00081111', 'ReferencedPerformedProcedureStepSequence', 'remove'],
	['04000403', 'ReferencedSOPInstanceMACSequence', 'remove'],
	['00081155', 'ReferencedSOPInstanceUID', 'remap'],
	['00041511', 'ReferencedSOPInstanceUIDInFile', 'remap'],
	['00081110', 'ReferencedStudySequence', 'remove'],
	['00080092', 'ReferringPhysicianAddress', 'remove'],
	['00080090', 'ReferringPhysicianName', 'empty'],
	['00080094', 'ReferringPhysicianTelephoneNumbers', 'remove'],
	['00080096', 'ReferringPhysicianIdentificationSequence', 'remove'],
	['00102152', 'RegionOfResidence', 'remove'],
	['300600C2', 'RelatedFrameOfReferenceUID', 'remap'],
	['00400275', 'RequestAttributesSequence', 'remove'],
	['00321070', 'RequestedContrastAgent', 'remove'],
	['00401400', 'RequestedProcedureComments', 'remove'],
	['00321060', 'RequestedProcedureDescription', 'remove'],
	['00401001', 'RequestedProcedureID', 'remove'],
	['00401005', 'RequestedProcedureLocation', 'remove'],
	['00321032', 'RequestingPhysician', 'remove'],
	['00321033', 'RequestingService', 'remove'],
	['00102299', 'ResponsibleOrganization', 'remove'],
	['00102297', 'ResponsiblePerson', 'remove'],
	['40084000', 'ResultsComments', 'remove'],
	['40080118', 'ResultsDistributionListSequence', 'remove'],
	['40080042', 'ResultsIDIssuer', 'remove'],
	['300E0008', 'ReviewerName', 'remove'],
	['00404034', 'ScheduledHumanPerformersSequence', 'remove'],
	['0038001E', 'ScheduledPatientInstitutionResidence', 'remove'],
	['0040000B', 'ScheduledPerformingPhysicianIdentificationSequence', 'remove'],
	['00400006', 'ScheduledPerformingPhysicianName', 'remove'],
	['00400004', 'ScheduledProcedureStepEndDate', 'shift'],
	['00400007', 'ScheduledProcedureStepDescription', 'remove'],
	['00400011', 'ScheduledProcedureStepLocation', 'remove'],
	['00400002', 'ScheduledProcedureStepStartDate', 'shift'],
	['00400001', 'ScheduledStationAETitle', 'remove'],
	['00404027', 'ScheduledStationGeographicLocationCodeSequence', 'remove'],
	['00400010', 'ScheduledStationName', 'remove'],
	['00404025', 'ScheduledStationNameCodeSequence', 'remove'],
	['00321020', 'ScheduledStudyLocation', 'remove'],
	['00321021', 'ScheduledStudyLocationAETitle', 'remove'],
	['00080021', 'SeriesDate', 'shift'],
	['0008103E', 'SeriesDescription', 'remove'],
	['0020000E', 'SeriesInstanceUID', 'remap'],
	['00380062', 'ServiceEpisodeDescription', 'remove'],
	['00380060', 'ServiceEpisodeID', 'remove'],
	['001021A0', 'SmokingStatus', 'remove'],
	['00181020', 'SoftwareVersions', 'remove'],
	['00080018', 'SOPInstanceUID', 'remap'],
	['00380050', 'SpecialNeeds', 'remove'],
	['00081010', 'StationName', 'remove'],
	['00880140', 'StorageMediaFileSetUID', 'remap'],
	['00324000', 'StudyComments', 'remove'],
	['00080020', 'StudyDate', 'shift'],
	['00081030', 'StudyDescription', 'remove'],
	['00200010', 'StudyID', 'empty'],
	['00320012', 'StudyIDIssuer', 'remove'],
	['0020000D', 'StudyInstanceUID', 'remap'],
	['00200200', 'SynchronizationFrameOfReferenceUID', 'remap'],
	['0040DB0D', 'TemplateExtensionCreatorUID', 'remap'],
	['0040DB0C', 'TemplateExtensionOrganizationUID', 'remap'],
	['40004000', 'TextComments', 'remove'],
	['20300020', 'TextString', 'remove'],
	['00080201', 'TimezoneOffsetFromUTC', 'remove'],
	['00880910', 'TopicAuthor', 'remove'],
	['00880912', 'TopicKeywords', 'remove'],
	['00880906', 'TopicSubject', 'remove'],
	['00880904', 'TopicTitle', 'remove'],
	['00081195', 'TransactionUID', 'remap'],
	['0040A124', 'UID', 'remap'],
	['0040A088', 'VerifyingObserverIdentificationCodeSequence', 'remove'],
	['0040A075', 'VerifyingObserverName', 'remove'],
	['0040A073', 'VerifyingObserverSequence', 'remove'],
	['0040A027', 'VerifyingOrganization', 'remove'],
	['00384000', 'VisitComments', 'remove']
];

const BY_TAG: ReadonlyMap<string, ProfileEntry> = new Map(
	TABLE.map(([tag, keyword, action]) => [tag, { tag, keyword, action }])
);

export const PROFILE_ENTRIES: readonly ProfileEntry[] = [...BY_TAG.values()];

export function profileEntry(tag: string): ProfileEntry | undefined {
	return BY_TAG.get(tag.toUpperCase());
}

/** Private elements live in odd groups (PS3.5 §7.8). */
export function isPrivateTag(tag: string): boolean {
	return parseInt(tag.slice(0, 4), 16) % 2 === 1;
}

/**
 * Curves (50xx) and overlays (60xx): the profile removes Curve Data, Overlay Data and Overlay
 * Comments; an overlay can carry burned-in text, and without its data the rest of the group is
 * meaningless, so the whole repeating group goes.
 */
export function isCurveOrOverlayTag(tag: string): boolean {
	const group = parseInt(tag.slice(0, 4), 16);
	return (
		(group >= 0x5000 && group <= 0x50ff) || (group >= 0x6000 && group <= 0x60ff && group % 2 === 0)
	);
}

/** UIDs defined by the DICOM standard itself (SOP classes, transfer syntaxes, coding schemes): never remapped. */
export function isRegistryUid(uid: string): boolean {
	return uid.startsWith('1.2.840.10008.');
}

/** The codes of the profile and options applied (PS3.16 CID 7050), for DeidentificationMethodCodeSequence. */
export const METHOD_CODES = [
	{ value: '113100', meaning: 'Basic Application Confidentiality Profile' },
	{ value: '113107', meaning: 'Retain Longitudinal Temporal Information Modified Dates Option' },
	{ value: '113108', meaning: 'Retain Patient Characteristics Option' }
] as const;

export const METHOD_DESCRIPTION =
	'Tandem: PS3.15 Basic Application Level Confidentiality Profile; Retain Longitudinal Temporal Information with Modified Dates; Retain Patient Characteristics (sex, age, size, weight); private tags removed';
