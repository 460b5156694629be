// The operating points of rated events, as RJafroc's RawOpPtsFROC2FROC / FROC2AFROC /
// FROC2wAFROC compute them: (0, 0), then one point per distinct rating from the highest down,
// where every event rated at or above it counts — its abscissa weight over the abscissa's
// total, its ordinate weight over the ordinate's. Events at one rating move both coordinates at
// once (one diagonal step). Unrated events (−∞: an unmarked lesion, a case without NLs) never
// count. Each event belongs to a case, whose multiplicity (a bootstrap resample) scales it; the
// events are sorted once, so each resample costs one pass.
import type { ThresholdPoint } from './curve-points';

export interface RatedEvents {
	ratings: number[];
	/** What each event adds to the abscissa's numerator (0 for a lesion event). */
	xWeight: number[];
	/** What each event adds to the ordinate's numerator (0 for a false-positive event). */
	yWeight: number[];
	caseOf: number[];
}

export function emptyEvents(): RatedEvents {
	return { ratings: [], xWeight: [], yWeight: [], caseOf: [] };
}

export function addEvent(
	events: RatedEvents,
	caseIndex: number,
	rating: number,
	x: number,
	y: number
): void {
	if (rating === -Infinity || (x === 0 && y === 0)) return;
	if (Number.isNaN(rating)) throw new RangeError('a mark rating must be a number, got NaN');
	events.ratings.push(rating);
	events.xWeight.push(x);
	events.yWeight.push(y);
	events.caseOf.push(caseIndex);
}

/** The events sorted by rating, highest first, ready for operatingPoints. */
export interface SortedEvents {
	ratings: Float64Array;
	xWeight: Float64Array;
	yWeight: Float64Array;
	caseOf: Int32Array;
}

export function sortEvents(events: RatedEvents): SortedEvents {
	const { ratings } = events;
	const order = Array.from(ratings.keys()).sort(
		(a, b) => (ratings[b] as number) - (ratings[a] as number) || a - b
	);
	return {
		ratings: Float64Array.from(order, (i) => ratings[i] as number),
		xWeight: Float64Array.from(order, (i) => events.xWeight[i] as number),
		yWeight: Float64Array.from(order, (i) => events.yWeight[i] as number),
		caseOf: Int32Array.from(order, (i) => events.caseOf[i] as number)
	};
}

export function operatingPoints(
	events: SortedEvents,
	xTotal: number,
	yTotal: number,
	multiplicity?: Float64Array
): ThresholdPoint[] {
	const { ratings, xWeight, yWeight, caseOf } = events;
	const points: ThresholdPoint[] = [{ x: 0, y: 0, threshold: Infinity }];
	let x = 0;
	let y = 0;
	for (let i = 0; i < ratings.length;) {
		const threshold = ratings[i] as number;
		let changed = false;
		for (; i < ratings.length && ratings[i] === threshold; i++) {
			const m = multiplicity ? (multiplicity[caseOf[i] as number] as number) : 1;
			if (m === 0) continue;
			x += m * (xWeight[i] as number);
			y += m * (yWeight[i] as number);
			changed = true;
		}
		if (changed) points.push({ x: x / xTotal, y: y / yTotal, threshold });
	}
	return points;
}
