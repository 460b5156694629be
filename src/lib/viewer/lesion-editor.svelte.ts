// The classification and the lesions being worked on — by an annotator on their task, or by the
// adjudicator deciding a case — with the lesion selected in the list or on the image. Every change
// goes through here and calls `onchange` (the annotator's autosave listens to it).
import type { AnnotationDraft, AnnotationLesion, AnnotationRegion } from '$lib/domain/annotation';
import { copyLesion, nextLesionId, withSpanEdge } from './annotation-lesions';

export class LesionEditor {
	classification = $state<0 | 1 | null>(null);
	lesions = $state<AnnotationLesion[]>([]);
	note = $state('');
	/** Index of the selected lesion in `lesions`. */
	selected = $state<number | null>(null);

	constructor(
		start: AnnotationDraft | null,
		private readonly onchange: () => void = () => {}
	) {
		this.classification = start?.classification ?? null;
		this.lesions = structuredClone(start?.lesions ?? []);
		this.note = start?.note ?? '';
	}

	/** Diseased (1) or non-diseased (0); a non-diseased case keeps no lesions. */
	setClassification(value: 0 | 1): void {
		this.classification = value;
		if (value === 0) {
			this.lesions = [];
			this.selected = null;
		}
		this.onchange();
	}

	setNote(note: string): void {
		this.note = note;
		this.onchange();
	}

	/** A new lesion outlined on the current image (1-based); drawing one means the case is diseased. */
	addLesion(
		region: AnnotationRegion,
		image: number,
		attributes: Record<string, string> = {}
	): void {
		this.add({
			id: nextLesionId(this.lesions),
			firstImage: image,
			lastImage: image,
			region,
			attributes
		});
	}

	/** Another's lesion taken over as a new one of this decision. */
	takeLesion(lesion: AnnotationLesion): void {
		this.add(copyLesion(lesion, nextLesionId(this.lesions)));
	}

	private add(lesion: AnnotationLesion): void {
		this.classification = 1;
		this.lesions = [...this.lesions, lesion];
		this.selected = this.lesions.length - 1;
		this.onchange();
	}

	deleteLesion(index: number): void {
		if (!this.lesions[index]) return;
		this.lesions = this.lesions.filter((_, i) => i !== index);
		this.selected = null;
		this.onchange();
	}

	select(index: number | null): void {
		this.selected = index !== null && this.lesions[index] ? index : null;
	}

	/** The selected lesion's first or last image set to the image shown now. */
	setSpanEdge(index: number, edge: 'first' | 'last', image: number): void {
		this.update(index, (lesion) => withSpanEdge(lesion, edge, image));
	}

	setAttribute(index: number, name: string, value: string): void {
		this.update(index, (lesion) => {
			const attributes = { ...lesion.attributes };
			if (value.trim() === '') delete attributes[name];
			else attributes[name] = value.trim();
			return { ...lesion, attributes };
		});
	}

	/** A point lesion's radius, in mm. */
	setRadius(index: number, radiusMm: number): void {
		if (!Number.isFinite(radiusMm) || radiusMm <= 0 || radiusMm > 500) return;
		this.update(index, (lesion) =>
			lesion.region.kind === 'point'
				? { ...lesion, region: { ...lesion.region, radiusMm } }
				: lesion
		);
	}

	private update(index: number, change: (lesion: AnnotationLesion) => AnnotationLesion): void {
		const lesion = this.lesions[index];
		if (!lesion) return;
		this.lesions = this.lesions.map((other, i) => (i === index ? change(lesion) : other));
		this.onchange();
	}

	/** What is saved as the draft. */
	draft(): AnnotationDraft {
		const note = this.note.trim();
		return {
			classification: this.classification,
			lesions: $state.snapshot(this.lesions),
			...(note ? { note } : {})
		};
	}
}
