// A case's images hung per the protocol's hanging protocols: which viewport shows which images,
// flipped or not, pinned to which edge, with which properties synchronised. Pure: the reading
// service passes the images' header values, the workstation gets only labels and positions.
import type { HangingProtocol, HangingViewportRule, Synchronised } from './hanging-protocol.schema';

/** What hanging needs of one image, from its DICOM header (null when the header has none). */
export interface HangingImage {
	/** 1-based position in the case's image list. */
	position: number;
	modality: string | null;
	/** ImageLaterality (0020,0062), else Laterality (0020,0060). */
	laterality: string | null;
	/** ViewPosition (0018,5101), else the mammography view the View Code Sequence codes. */
	view: string | null;
	seriesDescription: string | null;
	seriesNumber: number | null;
	/** PatientOrientation (0020,0020), e.g. "A\R". */
	patientOrientation: string | null;
	/** StudyInstanceUID: tells the current study from priors (never shown). */
	study: string | null;
	/** StudyDate + StudyTime as "YYYYMMDDHHMMSS…" (never shown). */
	studyDateTime: string | null;
}

/** An image whose header has none of the values hanging looks at. */
export const NO_HANGING_VALUES: Readonly<Omit<HangingImage, 'position'>> = {
	modality: null,
	laterality: null,
	view: null,
	seriesDescription: null,
	seriesNumber: null,
	patientOrientation: null,
	study: null,
	studyDateTime: null
};

export interface HungViewport {
	/** What the viewport shows, e.g. "R CC", "T2"; empty for a viewport of the remaining images. */
	label: string;
	/** A viewport of the prior study. */
	prior: boolean;
	/** 0-based positions in the case's image list, in stack order. */
	images: number[];
	/** Shown mirrored left–right (the camera's flip; the pixels are never changed). */
	flip: boolean;
	/** The edge the image is pinned to (its chest wall), after the flip. */
	align: 'left' | 'right' | 'centre';
	/** The reader may switch this viewport to another of `series`. */
	seriesSelector: boolean;
}

export interface HangingLayout {
	/** The hanging protocol's id and label (from the protocol, not from the images). */
	protocol: string;
	label: string | null;
	rows: number;
	columns: number;
	/** Row by row. */
	viewports: HungViewport[];
	synchronise: Synchronised[];
	/** The case's series, for a viewport with a series selector (empty otherwise). */
	series: Array<{ label: string; images: number[] }>;
}

/** The layout of the first hanging protocol that applies to the case, or null (one stack, as always). */
export function resolveHanging(
	protocols: readonly HangingProtocol[] | undefined,
	images: readonly HangingImage[]
): HangingLayout | null {
	const modality = caseModality(images);
	const protocol = modality && protocols?.find((entry) => entry.applies_to.modality === modality);
	if (!protocol) return null;
	const sorted = [...images].sort((a, b) => a.position - b.position);
	const current = currentStudy(sorted);
	const isCurrent = (image: HangingImage) => image.study === null || image.study === current;
	const currentImages = sorted.filter(isCurrent);
	const priorImages = sorted.filter((image) => !isCurrent(image));
	const series = protocol.series_selector ? seriesOf(sorted) : [];
	const placeCurrent = place(protocol.viewports, currentImages);
	const placePrior = place(protocol.viewports, priorImages);
	const viewports: HungViewport[] = [];
	protocol.viewports.forEach((rule, index) => {
		viewports.push(viewport(protocol, rule, placeCurrent[index]!, false, series));
		if (protocol.priors === 'beside')
			viewports.push(viewport(protocol, rule, placePrior[index]!, true, series));
	});
	return {
		protocol: protocol.id,
		label: protocol.label ?? null,
		rows: protocol.layout.rows,
		columns: protocol.layout.columns,
		viewports,
		synchronise: [...protocol.synchronise],
		series: series.map((entry) => ({ label: entry.label, images: entry.images }))
	};
}

/** The modality most of the case's images have (ties: the first met). */
function caseModality(images: readonly HangingImage[]): string | null {
	const counts = new Map<string, number>();
	for (const image of images)
		if (image.modality) counts.set(image.modality, (counts.get(image.modality) ?? 0) + 1);
	let best: string | null = null;
	for (const [modality, n] of counts) if (best === null || n > counts.get(best)!) best = modality;
	return best;
}

/** The study with the latest date and time; ties go to the one with most images. */
function currentStudy(images: readonly HangingImage[]): string | null {
	const studies = new Map<string, { when: string; n: number }>();
	for (const image of images) {
		if (image.study === null) continue;
		const entry = studies.get(image.study) ?? { when: '', n: 0 };
		entry.n += 1;
		if ((image.studyDateTime ?? '') > entry.when) entry.when = image.studyDateTime ?? '';
		studies.set(image.study, entry);
	}
	let best: [string, { when: string; n: number }] | null = null;
	for (const entry of studies) {
		if (
			best === null ||
			entry[1].when > best[1].when ||
			(entry[1].when === best[1].when && entry[1].n > best[1].n)
		)
			best = entry;
	}
	return best?.[0] ?? null;
}

function matches(rule: HangingViewportRule, image: HangingImage): boolean {
	if (rule.laterality && image.laterality?.toUpperCase() !== rule.laterality) return false;
	if (rule.view && image.view?.trim().toUpperCase() !== rule.view) return false;
	if (
		rule.series &&
		!(image.seriesDescription ?? '').toLowerCase().includes(rule.series.toLowerCase())
	)
		return false;
	return true;
}

const isEmptyRule = (rule: HangingViewportRule) => !rule.laterality && !rule.view && !rule.series;

/** Each rule's images: specific rules first (in order), then empty rules share what is left. */
function place(rules: readonly HangingViewportRule[], images: readonly HangingImage[]) {
	const placed = new Set<number>();
	const result: HangingImage[][] = rules.map(() => []);
	rules.forEach((rule, index) => {
		if (isEmptyRule(rule)) return;
		for (const image of images)
			if (!placed.has(image.position) && matches(rule, image)) {
				result[index]!.push(image);
				placed.add(image.position);
			}
	});
	const rest = images.filter((image) => !placed.has(image.position));
	const empty = rules.flatMap((rule, index) => (isEmptyRule(rule) ? [index] : []));
	if (empty.length > 0) result[empty[0]!] = rest;
	return result;
}

function viewport(
	protocol: HangingProtocol,
	rule: HangingViewportRule,
	images: HangingImage[],
	prior: boolean,
	series: ReturnType<typeof seriesOf>
): HungViewport {
	const label = [rule.laterality, rule.view, rule.series].filter(Boolean).join(' ');
	const selector = protocol.series_selector && isEmptyRule(rule);
	// With a selector the viewport opens on the first series it holds; the others are a choice away.
	const held = new Set(images.map((image) => image.position - 1));
	const first = selector
		? series.find((entry) => entry.images.some((index) => held.has(index)))
		: undefined;
	const shown = first
		? images.filter((image) => first.images.includes(image.position - 1))
		: images;
	const { flip, align } = orientation(protocol, rule, images[0]);
	return {
		label,
		prior,
		images: shown.map((image) => image.position - 1),
		flip,
		align,
		seriesSelector: selector
	};
}

/** The side the chest wall is on as stored: rows running toward anterior put it on the left. */
function chestWallAsStored(image: HangingImage | undefined): 'left' | 'right' | null {
	const row = image?.patientOrientation?.split('\\')[0]?.toUpperCase() ?? '';
	if (row.includes('A')) return 'left';
	if (row.includes('P')) return 'right';
	return null;
}

function orientation(
	protocol: HangingProtocol,
	rule: HangingViewportRule,
	image: HangingImage | undefined
): { flip: boolean; align: HungViewport['align'] } {
	const stored = chestWallAsStored(image);
	const laterality = (rule.laterality ?? image?.laterality ?? '').toUpperCase();
	// Mirrored: right breasts face left with the chest wall on the right, left breasts the other way.
	const wanted = protocol.mirror
		? laterality === 'R'
			? 'right'
			: laterality === 'L'
				? 'left'
				: null
		: null;
	const flip = wanted !== null && stored !== null && wanted !== stored;
	const side = wanted !== null && stored !== null ? wanted : stored;
	const align = protocol.align === 'chest-wall' && side !== null ? side : 'centre';
	return { flip, align };
}

/** The case's series in order of series number (then first position), labelled by description. */
function seriesOf(images: readonly HangingImage[]) {
	const groups = new Map<string, { number: number | null; label: string; images: number[] }>();
	for (const image of images) {
		const key = `${image.seriesNumber ?? ''}\u0000${image.seriesDescription ?? ''}`;
		const group = groups.get(key) ?? {
			number: image.seriesNumber,
			label:
				image.seriesDescription?.trim() ||
				(image.seriesNumber !== null ? `Series ${image.seriesNumber}` : 'Series'),
			images: []
		};
		group.images.push(image.position - 1);
		groups.set(key, group);
	}
	return [...groups.values()].sort(
		(a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.images[0]! - b.images[0]!
	);
}
