// The annotation pages' names for values from the data: outline shapes, classifications, task
// statuses, adjudication modes and the final truth's provenance.
import { m } from '$lib/paraglide/messages';

type Label = () => string;

function lookup(labels: Record<string, Label>): (value: string) => string {
	return (value) => (Object.hasOwn(labels, value) ? labels[value]!() : value);
}

export const shapeLabel = lookup({
	point: m.annotate_shape_point,
	box: m.annotate_shape_box,
	contour: m.annotate_shape_contour
});

export function classificationLabel(value: 0 | 1 | null): string {
	if (value === null) return m.annotate_unclassified();
	return value === 1 ? m.annotate_diseased() : m.annotate_non_diseased();
}

export const taskStatusLabel = lookup({
	open: m.annotate_status_open,
	draft: m.annotate_status_draft,
	submitted: m.annotate_status_submitted
});

export const adjudicationModeLabel = lookup({
	adjudication: m.adjudicate_mode_adjudication,
	qc: m.adjudicate_mode_qc
});

/** A colour per annotator (A, B, C…), told apart on a dark image and by colour-blind eyes. */
export const ANNOTATOR_COLOURS = ['#ffb000', '#648fff', '#dc267f', '#fe6100', '#785ef0', '#00c2a8'];

/** The workstation's own lesions (the annotator's, the adjudicator's decision). */
export const OWN_COLOUR = '#5ad1ff';

/** Where a case's truth came from (the reference-standard report). */
export const truthStatusLabel = lookup({
	waiting: m.rs_status_waiting,
	'awaiting-adjudication': m.rs_status_awaiting_adjudication,
	consensus: m.rs_status_consensus,
	adjudicated: m.rs_status_adjudicated,
	'qc-corrected': m.rs_status_qc_corrected,
	imported: m.rs_status_imported
});
