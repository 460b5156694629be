// The operating points of rated events, as RJafroc's RawOpPtsFROC2FROC / FROC2AFROC /
// FROC2wAFROC compute them: (0, 0), then one point per distinct rating from the highest down,
// where every event rated at or above it counts — its abscissa weight over xTotal, its ordinate
// weight over yTotal. Events at one rating move both coordinates at once (one diagonal step).
// Unrated events (−∞: an unmarked lesion, a case without NLs) never count.
import type { ThresholdPoint } from './curve-points';

export interface RatedEvents {
	ratings: number[];
	/** What each event adds to the abscissa's numerator (0 for a lesion event). */
	xWeight: number[];
	/** What each event adds to the ordinate's numerator (0 for a false-positive event). */
	yWeight: number[];
}

export function emptyEvents(): RatedEvents {
	return { ratings: [], xWeight: [], yWeight: [] };
}

export function addEvent(events: RatedEvents, rating: number, x: number, y: number): void {
	if (rating === -Infinity || (x === 0 && y === 0)) return;
	if (Number.isNaN(rating)) throw new RangeError('a mark rating must be a number, got NaN');
	events.ratings.push(rating);
	events.xWeight.push(x);
	events.yWeight.push(y);
}

export function operatingPoints(
	events: RatedEvents,
	xTotal: number,
	yTotal: number
): ThresholdPoint[] {
	const { ratings, xWeight, yWeight } = events;
	const order = Array.from(ratings.keys()).sort(
		(a, b) => (ratings[b] as number) - (ratings[a] as number) || a - b
	);
	const points: ThresholdPoint[] = [{ x: 0, y: 0, threshold: Infinity }];
	let x = 0;
	let y = 0;
	for (let i = 0; i < order.length;) {
		const threshold = ratings[order[i] as number] as number;
		for (; i < order.length && ratings[order[i] as number] === threshold; i++) {
			x += xWeight[order[i] as number] as number;
			y += yWeight[order[i] as number] as number;
		}
		points.push({ x: x / xTotal, y: y / yTotal, threshold });
	}
	return points;
}
