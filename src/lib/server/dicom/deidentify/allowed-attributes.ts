// The allow-list of the case import's de-identification (CAS-2): the only attributes a stored
// image keeps, at any nesting level. Everything else — every attribute not named here, every
// retired one, every private one, overlays and curves — is removed, so an attribute that
// PS3.15 Table E.1-1 forgets, a vendor invents or a bit flip creates cannot carry identity.
// What is kept still goes through the Basic Profile (confidentiality-profile.ts): UIDs are
// remapped, dates shifted, the patient's name and ID replaced, type 2 identifiers emptied.
//
// Each group says why Tandem needs it: the viewer (Cornerstone3D reads pixels, geometry and the
// LUTs from the file), the AI workers (pixels and the Modality LUT), the inclusion checks and the
// dataset report (strata: vendor, model, sex, age band, body part), and the consistency of a
// study (UIDs, numbering, references between images). Free texts (descriptions, comments,
// labels, explanations) are not kept: none is needed and any may name a person.
//
// Keywords are PS3.6's; tags and value representations come from dcmjs's data dictionary, which
// knows no retired keyword without its "RETIRED_" prefix — so nothing retired can be listed here
// by mistake. A spec checks every keyword resolves and none is one the profile removes.
import dcmjs from 'dcmjs';

export interface AllowedGroup {
	group: string;
	reason: string;
	keywords: readonly string[];
}

export const ALLOWED_GROUPS: readonly AllowedGroup[] = [
	{
		group: 'Object identity (SOP Common, General Series/Image)',
		reason:
			'what the object is, how its text is encoded and where it sits in its series; UIDs remapped',
		keywords: [
			'SpecificCharacterSet',
			'ImageType',
			'SOPClassUID',
			'SOPInstanceUID',
			'StudyInstanceUID',
			'SeriesInstanceUID',
			'Modality',
			'SeriesNumber',
			'InstanceNumber',
			'AcquisitionNumber',
			'SyntheticData'
		]
	},
	{
		group: 'Patient (Basic Profile, Retain Patient Characteristics)',
		reason:
			'name and ID replaced by the pseudonym, birth date emptied (age kept); sex, age, size and weight are strata',
		keywords: [
			'PatientName',
			'PatientID',
			'PatientBirthDate',
			'PatientSex',
			'PatientAge',
			'PatientSize',
			'PatientWeight'
		]
	},
	{
		group: 'Study and series dates (Retain Longitudinal Temporal Information, Modified Dates)',
		reason:
			'intervals between images and studies; dates shifted by the patient offset; type 2 identifiers kept empty',
		keywords: [
			'AccessionNumber',
			'ReferringPhysicianName',
			'StudyID',
			'StudyDate',
			'StudyTime',
			'SeriesDate',
			'SeriesTime',
			'AcquisitionDate',
			'AcquisitionTime',
			'AcquisitionDateTime',
			'ContentDate',
			'ContentTime'
		]
	},
	{
		group: 'Equipment',
		reason:
			'vendor and model strata (CAS-1) and the inclusion checks; no serial, station or institution',
		keywords: ['Manufacturer', 'ManufacturerModelName']
	},
	{
		group: 'Anatomy, laterality and view',
		reason:
			'body-part stratum, hanging and laterality of the images; coded entries keep only their codes',
		keywords: [
			'BodyPartExamined',
			'Laterality',
			'ImageLaterality',
			'PatientPosition',
			'PatientOrientation',
			'ViewPosition',
			'PresentationIntentType',
			'AnatomicRegionSequence',
			'ViewCodeSequence',
			'CodeValue',
			'CodingSchemeDesignator',
			'CodingSchemeVersion',
			'CodeMeaning'
		]
	},
	{
		group: 'Frame of reference and plane geometry',
		reason:
			'the viewer stacks and measures slices, the AI resamples to millimetres; the UID is remapped',
		keywords: [
			'FrameOfReferenceUID',
			'ImagePositionPatient',
			'ImageOrientationPatient',
			'SliceLocation',
			'SliceThickness',
			'SpacingBetweenSlices',
			'PixelSpacing',
			'ImagerPixelSpacing',
			'PixelSpacingCalibrationType',
			'EstimatedRadiographicMagnificationFactor',
			'DistanceSourceToDetector',
			'DistanceSourceToPatient',
			'PixelAspectRatio',
			'GantryDetectorTilt',
			'TableHeight'
		]
	},
	{
		group: 'Image pixel module',
		reason: 'the pixels themselves and how to decode them (viewer, AI, image-size checks)',
		keywords: [
			'SamplesPerPixel',
			'PhotometricInterpretation',
			'Rows',
			'Columns',
			'BitsAllocated',
			'BitsStored',
			'HighBit',
			'PixelRepresentation',
			'PlanarConfiguration',
			'NumberOfFrames',
			'FrameIncrementPointer',
			'SmallestImagePixelValue',
			'LargestImagePixelValue',
			'PixelPaddingValue',
			'PixelPaddingRangeLimit',
			'RedPaletteColorLookupTableDescriptor',
			'GreenPaletteColorLookupTableDescriptor',
			'BluePaletteColorLookupTableDescriptor',
			'RedPaletteColorLookupTableData',
			'GreenPaletteColorLookupTableData',
			'BluePaletteColorLookupTableData',
			'PaletteColorLookupTableUID',
			'ICCProfile',
			'ExtendedOffsetTable',
			'ExtendedOffsetTableLengths',
			'FloatPixelData',
			'DoubleFloatPixelData',
			'PixelData'
		]
	},
	{
		group: 'Modality LUT, VOI LUT and presentation',
		reason: 'stored values to Hounsfield units (AI) and the default window (viewer)',
		keywords: [
			'RescaleIntercept',
			'RescaleSlope',
			'RescaleType',
			'ModalityLUTSequence',
			'ModalityLUTType',
			'LUTDescriptor',
			'LUTData',
			'WindowCenter',
			'WindowWidth',
			'VOILUTFunction',
			'VOILUTSequence',
			'PresentationLUTShape'
		]
	},
	{
		group: 'Image integrity flags',
		reason: 'the inclusion checks: burned-in text review and lossy compression (CAS-2, CAS-3)',
		keywords: [
			'BurnedInAnnotation',
			'RecognizableVisualFeatures',
			'LossyImageCompression',
			'LossyImageCompressionRatio',
			'LossyImageCompressionMethod'
		]
	},
	{
		group: 'Acquisition parameters',
		reason: 'technique strata and protocol checks (dose, kernel, field strength, sequence timing)',
		keywords: [
			'KVP',
			'ExposureTime',
			'XRayTubeCurrent',
			'Exposure',
			'ExposureIndex',
			'RelativeXRayExposure',
			'ConvolutionKernel',
			'DataCollectionDiameter',
			'ReconstructionDiameter',
			'FilterType',
			'FocalSpots',
			'CTDIvol',
			'SpiralPitchFactor',
			'RotationDirection',
			'MagneticFieldStrength',
			'RepetitionTime',
			'EchoTime',
			'InversionTime',
			'FlipAngle',
			'EchoTrainLength',
			'ScanningSequence',
			'SequenceVariant',
			'MRAcquisitionType',
			'ImagingFrequency',
			'NumberOfAverages',
			'BodyPartThickness',
			'CompressionForce',
			'AnodeTargetMaterial',
			'FilterMaterial',
			'DetectorType'
		]
	},
	{
		group: 'Enhanced multi-frame functional groups',
		reason:
			'per-frame geometry, windows and rescale of enhanced CT/MR/X-ray objects; dates shifted',
		keywords: [
			'SharedFunctionalGroupsSequence',
			'PerFrameFunctionalGroupsSequence',
			'PixelMeasuresSequence',
			'PlanePositionSequence',
			'PlaneOrientationSequence',
			'FrameVOILUTSequence',
			'PixelValueTransformationSequence',
			'FrameContentSequence',
			'FrameAcquisitionNumber',
			'FrameAcquisitionDateTime',
			'FrameReferenceDateTime',
			'FrameAcquisitionDuration',
			'StackID',
			'InStackPositionNumber',
			'TemporalPositionIndex',
			'DimensionIndexValues',
			'DimensionOrganizationSequence',
			'DimensionOrganizationUID',
			'DimensionIndexSequence',
			'DimensionIndexPointer',
			'FunctionalGroupPointer',
			'DimensionOrganizationType'
		]
	},
	{
		group: 'Ultrasound regions',
		reason: 'calibrated distances on ultrasound images (measurements in the viewer)',
		keywords: [
			'SequenceOfUltrasoundRegions',
			'RegionSpatialFormat',
			'RegionDataType',
			'RegionFlags',
			'RegionLocationMinX0',
			'RegionLocationMinY0',
			'RegionLocationMaxX1',
			'RegionLocationMaxY1',
			'ReferencePixelX0',
			'ReferencePixelY0',
			'PhysicalUnitsXDirection',
			'PhysicalUnitsYDirection',
			'ReferencePixelPhysicalValueX',
			'ReferencePixelPhysicalValueY',
			'PhysicalDeltaX',
			'PhysicalDeltaY'
		]
	},
	{
		group: 'References between images',
		reason:
			'a follow-up or derived image points at another image of the case; UIDs remapped consistently',
		keywords: [
			'ReferencedImageSequence',
			'SourceImageSequence',
			'ReferencedSOPClassUID',
			'ReferencedSOPInstanceUID',
			'ReferencedFrameNumber'
		]
	}
];

export interface AllowedAttribute {
	tag: string;
	keyword: string;
	group: string;
	/** Value representations an element of this attribute may have (dcmjs's "ox", "xs", "lt" expanded). */
	vrs: readonly string[];
}

const AMBIGUOUS_VRS: Readonly<Record<string, readonly string[]>> = {
	ox: ['OB', 'OW'],
	xs: ['US', 'SS'],
	lt: ['US', 'SS', 'OW'],
	up: ['UL', 'SL']
};

function resolve(): ReadonlyMap<string, AllowedAttribute> {
	const byTag = new Map<string, AllowedAttribute>();
	const nameMap = dcmjs.data.DicomMetaDictionary.nameMap;
	for (const { group, keywords } of ALLOWED_GROUPS) {
		for (const keyword of keywords) {
			const entry = nameMap[keyword];
			if (!entry) throw new Error(`allowed-attributes: ${keyword} is not in the DICOM dictionary`);
			const tag = entry.tag.replace(/[(),]/g, '').toUpperCase();
			const vrs = [entry.vr, ...(AMBIGUOUS_VRS[entry.vr] ?? [])];
			byTag.set(tag, { tag, keyword, group, vrs });
		}
	}
	return byTag;
}

export const ALLOWED_ATTRIBUTES: ReadonlyMap<string, AllowedAttribute> = resolve();

/** The allow-list entry of an element, if it may be kept with this value representation. */
export function allowedAttribute(tag: string, vr: string): AllowedAttribute | undefined {
	const entry = ALLOWED_ATTRIBUTES.get(tag.toUpperCase());
	return entry && entry.vrs.includes(vr) ? entry : undefined;
}
