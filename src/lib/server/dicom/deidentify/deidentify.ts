// De-identification of one DICOM data set before anything is stored (CAS-2), by allow-list: at
// every nesting level only the attributes of allowed-attributes.ts are kept (with the value
// representation their definition gives) — every other, unknown, retired or private element is
// removed — and what is kept goes through the PS3.15 Basic Profile table
// (confidentiality-profile.ts): UIDs remapped, dates shifted, the patient replaced, type 2
// identifiers emptied. Returns the new data set and, per changed attribute, what was done to it
// — never the old value, so the log itself identifies nobody.
import type { DicomElement, ElementMap } from 'dcmjs';
import { allowedAttribute } from './allowed-attributes';
import {
	METHOD_CODES,
	METHOD_DESCRIPTION,
	isCurveOrOverlayTag,
	isPrivateTag,
	isRegistryUid,
	profileEntry
} from './confidentiality-profile';
import { isValidTime, shiftDateValue } from './date-shift';
import { TAG, formatTag, keywordOf, text, type DicomFile } from '../dicom-file';
import {
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
	EXPLICIT_VR_BIG_ENDIAN,
	EXPLICIT_VR_LITTLE_ENDIAN
} from '../../../domain/transfer-syntax-uid';

export { shiftDateText } from './date-shift';

export type DeidAction = 'removed' | 'emptied' | 'replaced' | 'remapped' | 'shifted' | 'added';

export interface DeidChange {
	/** "(0010,0010)", or a path into a sequence: "(0008,1140)>(0008,1155)". */
	tag: string;
	keyword: string;
	action: DeidAction;
}

export interface DeidContext {
	/** The consistent replacement of an original UID. */
	remapUid(uid: string): string;
	/** Days added to every date (the patient's secret offset). */
	dateOffsetDays: number;
	/** Replaces the patient's name and ID. */
	pseudonym: string;
}

export interface DeidResult {
	file: DicomFile;
	changes: DeidChange[];
}

/** Tandem's implementation UID in the files it writes (2.25 + a fixed UUID). */
export const TANDEM_IMPLEMENTATION_CLASS_UID = '2.25.240942167337461356925375416627349513517';
export const TANDEM_IMPLEMENTATION_VERSION = 'TANDEM_1';

/** Ages above 89 are written as 90 (HIPAA Safe Harbor groups them: a very old age identifies). */
const AGE_CAP_YEARS = 90;

export function deidentify(source: DicomFile, context: DeidContext): DeidResult {
	const changes: DeidChange[] = [];
	// A shallow copy: cleanElements builds new elements for what it changes and never mutates the source.
	const dict = { ...source.dict };
	addAgeFromBirthDate(dict, changes);
	const cleaned = cleanElements(dict, context, '', changes);
	markDeidentified(cleaned, changes);
	const meta = rebuildMeta(source.meta, cleaned, changes);
	// Compressed pixel data is carried as read, byte for byte (never decoded here).
	const file: DicomFile = { meta, dict: cleaned };
	if (source.encapsulatedPixels) file.encapsulatedPixels = source.encapsulatedPixels;
	return { file, changes: dedupe(changes) };
}

function cleanElements(
	map: ElementMap,
	context: DeidContext,
	prefix: string,
	changes: DeidChange[]
): ElementMap {
	const result: ElementMap = {};
	for (const tag of Object.keys(map).sort()) {
		const element = map[tag]!;
		const path = `${prefix}${formatTag(tag)}`;
		const record = (action: DeidAction) =>
			changes.push({ tag: path, keyword: logKeyword(tag), action });
		if (
			isPrivateTag(tag) ||
			isCurveOrOverlayTag(tag) ||
			!allowedAttribute(tag, String(element?.vr ?? ''))
		) {
			record('removed');
			continue;
		}
		const action = profileEntry(tag)?.action ?? defaultAction(element);
		switch (action) {
			case 'remove':
				record('removed');
				continue;
			case 'empty':
				if (hasValue(element)) record('emptied');
				result[tag] = { vr: element.vr, Value: [] };
				continue;
			case 'dummy':
				result[tag] = dummyValue(element, context.pseudonym);
				if (!sameValues(element, result[tag]!)) record('replaced');
				continue;
			case 'remap':
				result[tag] = remapUids(element, context);
				if (!sameValues(element, result[tag]!)) record('remapped');
				continue;
			case 'shift': {
				const shifted = shiftDates(element, context.dateOffsetDays);
				result[tag] = shifted.element;
				if (shifted.invalid) record('emptied');
				else if (!sameValues(element, shifted.element)) record('shifted');
				continue;
			}
			case 'keep':
				if (element.vr === 'TM' && !texts(element).every(isValidTime)) {
					record('emptied');
					result[tag] = { vr: 'TM', Value: [] };
				} else
					result[tag] =
						element.vr === 'SQ' ? cleanSequence(element, context, path, changes) : element;
				continue;
		}
	}
	return result;
}

/** The log names an attribute by keyword; private and unknown ones by what they are. */
function logKeyword(tag: string): string {
	if (isPrivateTag(tag)) return 'private';
	return keywordOf(tag) || 'unknown';
}

/** What the table does not name among the allowed: people's names go, dates shift, UIDs are remapped. */
function defaultAction(element: DicomElement): 'remove' | 'shift' | 'remap' | 'keep' {
	if (element.vr === 'PN') return 'remove';
	if (element.vr === 'DA' || element.vr === 'DT') return 'shift';
	if (element.vr === 'UI') return 'remap';
	return 'keep';
}

/** The non-empty values of a text element, trimmed. */
function texts(element: DicomElement): string[] {
	return (element.Value ?? [])
		.map((value) => String(value ?? '').trim())
		.filter((value) => value !== '');
}

function cleanSequence(
	element: DicomElement,
	context: DeidContext,
	path: string,
	changes: DeidChange[]
): DicomElement {
	const items = (element.Value ?? []).map((item) =>
		cleanElements(item as ElementMap, context, `${path}>`, changes)
	);
	return { vr: 'SQ', Value: items };
}

function hasValue(element: DicomElement): boolean {
	return (element.Value ?? []).some(
		(value) => value !== '' && value !== null && value !== undefined
	);
}

function sameValues(before: DicomElement, after: DicomElement): boolean {
	return JSON.stringify(before.Value ?? []) === JSON.stringify(after.Value ?? []);
}

function dummyValue(element: DicomElement, pseudonym: string): DicomElement {
	return element.vr === 'PN'
		? { vr: 'PN', Value: [{ Alphabetic: pseudonym }] }
		: { vr: element.vr, Value: [pseudonym] };
}

function remapUids(element: DicomElement, context: DeidContext): DicomElement {
	const values = (element.Value ?? []).map((value) => {
		const uid = String(value ?? '').trim();
		return uid === '' || isRegistryUid(uid) ? uid : context.remapUid(uid);
	});
	return { vr: element.vr, Value: values };
}

/**
 * Every value of a DA or DT element (ranges too) moved by the offset; if any value is not a valid
 * DA/DT, the whole element is emptied, so nothing is left unshifted or out of place.
 */
function shiftDates(
	element: DicomElement,
	offsetDays: number
): { element: DicomElement; invalid: boolean } {
	const vr = element.vr === 'DA' ? 'DA' : 'DT';
	const shifted = texts(element).map((value) => shiftDateValue(vr, value, offsetDays));
	if (shifted.some((value) => value === null))
		return { element: { vr: element.vr, Value: [] }, invalid: true };
	return { element: { vr: element.vr, Value: shifted }, invalid: false };
}

/** Age at the study (PS3.5 AS: "052Y", "011M", "020D") from birth date and study date, capped at 90 years. */
export function ageString(birthDate: string, onDate: string): string | null {
	const parse = (value: string) => {
		const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
		return match
			? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
			: null;
	};
	const born = parse(birthDate);
	const seen = parse(onDate);
	if (!born || !seen) return null;
	let years = seen.year - born.year;
	if (seen.month < born.month || (seen.month === born.month && seen.day < born.day)) years -= 1;
	if (years < 0) return null;
	const pad = (value: number) => String(value).padStart(3, '0');
	if (years >= 1) return `${pad(Math.min(years, AGE_CAP_YEARS))}Y`;
	const days = Math.round(
		(Date.UTC(seen.year, seen.month - 1, seen.day) -
			Date.UTC(born.year, born.month - 1, born.day)) /
			86_400_000
	);
	return days >= 31 ? `${pad(Math.floor(days / 30.4375))}M` : `${pad(days)}D`;
}

/** Keep the age, lose the birth date: compute PatientAge when it is missing, cap a very old one. */
function addAgeFromBirthDate(dict: ElementMap, changes: DeidChange[]): void {
	const existing = text(dict, TAG.patientAge);
	const record = (action: DeidAction) =>
		changes.push({ tag: formatTag(TAG.patientAge), keyword: 'PatientAge', action });
	if (existing) {
		const years = /^(\d{3})Y$/.exec(existing);
		if (years && Number(years[1]) > AGE_CAP_YEARS) {
			dict[TAG.patientAge] = { vr: 'AS', Value: [`${String(AGE_CAP_YEARS).padStart(3, '0')}Y`] };
			record('replaced');
		}
		return;
	}
	const birth = text(dict, TAG.patientBirthDate);
	const on =
		text(dict, TAG.studyDate) ??
		text(dict, TAG.seriesDate) ??
		text(dict, TAG.acquisitionDate) ??
		text(dict, TAG.contentDate);
	const age = birth && on ? ageString(birth, on) : null;
	if (age) {
		dict[TAG.patientAge] = { vr: 'AS', Value: [age] };
		record('added');
	}
}

/** PS3.15 E.1.1: Patient Identity Removed, the method, and that dates were modified. */
function markDeidentified(dict: ElementMap, changes: DeidChange[]): void {
	const set = (tag: string, element: DicomElement) => {
		const action: DeidAction = dict[tag] ? 'replaced' : 'added';
		if (!dict[tag] || !sameValues(dict[tag]!, element))
			changes.push({ tag: formatTag(tag), keyword: keywordOf(tag), action });
		dict[tag] = element;
	};
	set('00120062', { vr: 'CS', Value: ['YES'] });
	set('00120063', { vr: 'LO', Value: [METHOD_DESCRIPTION.slice(0, 64)] });
	set('00120064', {
		vr: 'SQ',
		Value: METHOD_CODES.map((code) => ({
			'00080100': { vr: 'SH', Value: [code.value] },
			'00080102': { vr: 'SH', Value: ['DCM'] },
			'00080104': { vr: 'LO', Value: [code.meaning] }
		}))
	});
	set('00280303', { vr: 'CS', Value: ['MODIFIED'] });
}

/** A fresh file meta header (PS3.10 §7.1): the new SOP instance, Tandem as the implementation. */
function rebuildMeta(sourceMeta: ElementMap, dict: ElementMap, changes: DeidChange[]): ElementMap {
	const sourceSyntax = text(sourceMeta, TAG.transferSyntaxUid) ?? EXPLICIT_VR_LITTLE_ENDIAN;
	// dcmjs reads deflated and big-endian data sets but writes them as Explicit VR Little Endian.
	const syntax =
		sourceSyntax === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN || sourceSyntax === EXPLICIT_VR_BIG_ENDIAN
			? EXPLICIT_VR_LITTLE_ENDIAN
			: sourceSyntax;
	const meta: ElementMap = {
		'00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
		'00020002': {
			vr: 'UI',
			Value: [text(dict, TAG.sopClassUid) ?? text(sourceMeta, '00020002') ?? '']
		},
		'00020003': { vr: 'UI', Value: [text(dict, TAG.sopInstanceUid) ?? ''] },
		'00020010': { vr: 'UI', Value: [syntax] },
		'00020012': { vr: 'UI', Value: [TANDEM_IMPLEMENTATION_CLASS_UID] },
		'00020013': { vr: 'SH', Value: [TANDEM_IMPLEMENTATION_VERSION] }
	};
	if (text(sourceMeta, '00020003') !== text(meta, '00020003'))
		changes.push({ tag: '(0002,0003)', keyword: 'MediaStorageSOPInstanceUID', action: 'remapped' });
	for (const tag of Object.keys(sourceMeta)) {
		if (!(tag in meta) && tag !== '00020000')
			changes.push({ tag: formatTag(tag), keyword: keywordOf(tag), action: 'removed' });
	}
	return meta;
}

/** One entry per attribute path and action, in tag order (sequence items share a path). */
function dedupe(changes: DeidChange[]): DeidChange[] {
	const seen = new Map<string, DeidChange>();
	for (const change of changes) seen.set(`${change.tag}|${change.action}`, change);
	return [...seen.values()].sort(
		(first, second) =>
			first.tag.localeCompare(second.tag) || first.action.localeCompare(second.action)
	);
}
