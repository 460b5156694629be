// The series description an imported image keeps for hanging (an MR protocol's `series: T2`
// matches it), though the stored file loses it: the Basic Profile removes SeriesDescription
// (PS3.15 Table E.1-1, X) because anyone may have typed anything into it. After the Clean
// Descriptors Option (PS3.15 E.3.5), only its descriptor words are kept, in the image's hanging
// columns: a word of the vocabulary of sequences, planes, reconstructions and views below, a
// small number, a b-value or a kernel name, and none that is a word of a person name, an ID,
// the institution or the station anywhere in the image's header. Every other word is dropped;
// a description with no descriptor word is null (the image hangs as if it had none).
import type { ElementMap } from 'dcmjs';
import { text, texts } from '../dicom/dicom-file';
import { IDENTIFIERS } from './identifying-case-id';

const VOCABULARY = new Set(
	[
		// MR sequences, weightings and contrasts
		'T1 T2 T2* PD FLAIR STIR DWI ADC TRACE DTI SWI SWAN GRE SE FSE TSE SPGR FSPGR MPRAGE VIBE',
		'DIXON FIESTA TRUFI HASTE SSFSE EPI BOLD MRA TOF PC PERF PERFUSION DCE DSC CINE SSFP LAVA',
		'FS FATSAT FAT WATER IN OUT OPP PHASE IP OP PRE POST GD GAD C+ C- CONTRAST DYN DYNAMIC',
		'B0 B VALUE SPACE CUBE VISTA 2D 3D MIP MINIP MPR SUB SUBTRACTION MAP MAPS REFORMAT RECON',
		// planes and orientation
		'AX AXI AXIAL SAG SAGITTAL COR CORONAL OBL OBLIQUE TRA TRANS TRANSVERSE',
		// CT reconstructions and phases
		'LUNG LUNGS SOFT TISSUE BONE BRAIN MEDIASTINUM STANDARD STD SHARP SMOOTH THIN THICK',
		'ARTERIAL VENOUS PORTAL DELAYED LATE EARLY NONCON PLAIN ANGIO CTA HEAD NECK CHEST THORAX',
		'ABDOMEN PELVIS SPINE ABD BODY WINDOW KERNEL ITERATIVE IR MM CM SLICE SLICES',
		// localisers
		'LOC LOCALIZER LOCALISER SCOUT SURVEY TOPOGRAM PLAN PLANNING CAL CALIBRATION',
		// mammography and ultrasound views
		'R L RT LT RIGHT LEFT BILATERAL CC MLO ML LM LMO FB SIO ISO XCCL XCCM SPOT MAG TOMO',
		'SYNTHESIZED SYNTHETIC DBT FFDM MAMMO MAMMOGRAM VIEW VIEWS DOPPLER COLOR COLOUR MODE'
	].flatMap((line) => line.split(' '))
);
const PATTERNS = [
	/^\d{1,4}(\.\d{1,2})?(MM|CM|S|MS)?$/, // a thickness, a number, a time
	/^B=?\d{1,4}$/, // a b-value
	/^[A-Z]{1,2}\d{2}[A-Z]?$/ // a kernel (B70F, FC13, BR40)
];
const SITE = ['00080080', '00080081', '00081010', '00081040', '00181000'];
const IDENTIFYING = new Set([...IDENTIFIERS.map(([tag]) => tag), ...SITE]);
const MAX_DEPTH = 4;

const words = (value: string) =>
	value
		.toUpperCase()
		.split(/[^A-Z0-9]+/)
		.filter(Boolean);

export function cleanSeriesDescription(dict: ElementMap): string | null {
	const description = text(dict, '0008103E')?.slice(0, 64);
	if (!description) return null;
	const identifying = identifyingWords(dict, new Set(), 0);
	const kept = description
		.split(/[\s_,;]+/)
		.filter((token) => descriptor(token) && !words(token).some((word) => identifying.has(word)));
	return kept.length > 0 ? kept.join(' ') : null;
}

/** A known word or pattern, or known ones joined by - / + = : (R-CC, b=800, 3/4). */
function descriptor(token: string): boolean {
	const upper = token.toUpperCase().replace(/^\(+|\)+$/g, '');
	const known = (part: string) => VOCABULARY.has(part) || PATTERNS.some((p) => p.test(part));
	if (upper === '' || known(upper)) return upper !== '';
	const parts = upper.split(/[-/+=:]/).filter(Boolean);
	return /[-/+=:]/.test(upper) && parts.length > 0 && parts.every(known);
}

/** Every word of a person name (two letters or more) or of an identifying value (three or more). */
function identifyingWords(dict: ElementMap, into: Set<string>, depth: number): Set<string> {
	for (const [tag, element] of Object.entries(dict)) {
		if (!element) continue;
		if (element.vr === 'SQ') {
			if (depth < MAX_DEPTH)
				for (const item of element.Value ?? [])
					if (item && typeof item === 'object')
						identifyingWords(item as ElementMap, into, depth + 1);
			continue;
		}
		const person = element.vr === 'PN';
		if (!person && !IDENTIFYING.has(tag.toUpperCase())) continue;
		for (const value of texts(element))
			for (const word of words(value)) if (word.length >= (person ? 2 : 3)) into.add(word);
	}
	return into;
}
