// The interface's names for values that come from the data (roles, statuses, designs): the stored
// value stays English and unchanged, only what is shown is translated. An unknown value is shown as is.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Label = () => string;

function lookup(labels: Record<string, Label>): (value: string) => string {
	return (value) => (Object.hasOwn(labels, value) ? labels[value]!() : value);
}

/** The five points of a five-point confidence scale, 1 (definitely absent) to 5, in order. */
export const FIVE_POINT_LABELS: readonly Label[] = [
	m.rating_definitely_absent,
	m.rating_probably_absent,
	m.rating_uncertain,
	m.rating_probably_present,
	m.rating_definitely_present
];

export const roleLabel = lookup({
	admin: m.role_admin,
	sponsor: m.role_sponsor,
	coordinator: m.role_coordinator,
	reader: m.role_reader,
	statistician: m.role_statistician,
	evaluator: m.role_evaluator,
	annotator: m.role_annotator,
	adjudicator: m.role_adjudicator
});

/** A reading session's status (scheduled, open, in_progress, completed). */
export const sessionStatusLabel = lookup({
	scheduled: m.session_status_scheduled,
	open: m.session_status_open,
	in_progress: m.session_status_in_progress,
	completed: m.session_status_completed
});

/** A monitoring query's status. */
export const queryStatusLabel = lookup({
	open: m.query_status_open,
	answered: m.query_status_answered,
	closed: m.query_status_closed
});

/** What a monitoring query is about. */
export const queryTargetLabel = lookup({
	read: m.query_target_read,
	reader: m.query_target_reader
});

export const designLabel = lookup({
	crossover: m.design_crossover,
	sequential: m.design_sequential,
	'fully-crossed': m.design_fully_crossed,
	'split-plot': m.design_split_plot
});

const NAV: Record<string, Label> = {
	'/admin/studies': m.nav_studies,
	'/monitor': m.nav_progress,
	'/site': m.nav_my_site,
	'/analysis': m.nav_analysis,
	'/read': m.nav_worklist,
	'/annotate': m.nav_annotate,
	'/adjudicate': m.nav_adjudicate
};

/** The top bar's link names, by where they lead; the server's English label otherwise. */
export function navLabel(href: string, fallback: string): string {
	return Object.hasOwn(NAV, href) ? NAV[href]!() : fallback;
}

/** How a case the AI failed on is counted (the protocol's ai_model.on_failure). */
export const aiOutcomeLabel = lookup({
	negative: m.ai_outcome_negative,
	positive: m.ai_outcome_positive
});

/** What an electronic signature means (approved, reviewed, responsible, authored). */
export const signatureMeaningLabel = lookup({
	approved: m.sig_meaning_approved,
	reviewed: m.sig_meaning_reviewed,
	responsible: m.sig_meaning_responsible,
	authored: m.sig_meaning_authored
});

const SIGNED_RECORDS: Record<string, (id: string) => string> = {
	study_lock: () => m.sig_what_study_lock(),
	key_release: (id) => m.sig_what_key_release({ id }),
	dataset_version: (id) => m.sig_what_dataset_version({ id }),
	verification_report: (id) => m.sig_what_verification_report({ id })
};

/** What a signature signed, e.g. "Dataset version 2 (fingerprint)". */
export function signedRecordLabel(recordType: string, recordId: string): string {
	return Object.hasOwn(SIGNED_RECORDS, recordType)
		? SIGNED_RECORDS[recordType]!(recordId)
		: `${recordType} ${recordId}`;
}

type LocalLabel = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

function lookupIn(labels: Record<string, LocalLabel>) {
	return (value: string, locale?: Locale): string =>
		Object.hasOwn(labels, value) ? labels[value]!({}, locale ? { locale } : {}) : value;
}

/** A figure of merit's name (auc, sensitivity, specificity, reading_time, and the lesion-level ones). */
export const metricLabel = lookupIn({
	auc: () => 'AUC',
	sensitivity: m.metric_sensitivity,
	specificity: m.metric_specificity,
	reading_time: m.metric_reading_time,
	wafroc: m.metric_wafroc,
	afroc: m.metric_afroc,
	lesion_sensitivity: m.metric_lesion_sensitivity,
	fp_per_image: m.metric_fp_per_image,
	lroc: m.metric_lroc
});

/** A subgroup stratum's name (the reader's site, a case stratum, or `lesion <attribute>`). */
export const stratumLabel = (stratum: string, locale?: Locale): string =>
	stratum.startsWith(LESION_STRATUM)
		? m.an_stratum_lesion_attribute(
				{ attribute: stratum.slice(LESION_STRATUM.length) },
				locale ? { locale } : {}
			)
		: caseStratumLabel(stratum, locale);

/** Lesion-level subgroups by an attribute of the truth lesions (stats/trial/lesion-subgroups.ts). */
const LESION_STRATUM = 'lesion ';

const caseStratumLabel = lookupIn({
	reader_site: m.an_stratum_reader_site,
	site: m.an_stratum_case_site,
	vendor: m.an_stratum_vendor,
	device_model: m.an_stratum_device_model,
	patient_age_band: m.an_stratum_patient_age_band,
	patient_sex: m.an_stratum_patient_sex,
	manufacturer: m.an_stratum_manufacturer,
	model: m.an_stratum_model,
	kvp: m.an_stratum_kvp,
	tube_current: m.an_stratum_tube_current,
	slice_thickness: m.an_stratum_slice_thickness,
	kernel: m.an_stratum_kernel,
	contrast: m.an_stratum_contrast
});
