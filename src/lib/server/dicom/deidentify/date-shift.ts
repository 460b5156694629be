// Dates, date-times and times under the Retain Longitudinal Temporal Information with Modified
// Dates option (PS3.15 E.3.6): a date moves by the patient's offset in whole days, so intervals
// survive; a time is kept. Only values valid by PS3.5 §6.2 are touched: anything else (another
// format such as "2025-05-20", an impossible day or hour) is refused — the caller empties the
// element — because shifting what one cannot read shifts only part of it. A date-time loses its
// UTC offset (with the date moved, the zone only narrows down where the patient was).

const DA = /^(\d{4})(\d{2})(\d{2})$/;
const DT =
	/^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,6})?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;
const TM = /^(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,6})?)?)?$/;
const DAY_MS = 86_400_000;

interface Day {
	year: number;
	month: number;
	day: number;
}

/** The UTC time of a proleptic Gregorian day, or null if there is no such day (years 1–9999). */
function dayTime({ year, month, day }: Day): number | null {
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years below 100 stay themselves
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date.getTime() : null;
}

function shiftDay(start: Day, offsetDays: number): Day | null {
	const time = dayTime(start);
	if (time === null) return null;
	const shifted = new Date(time + offsetDays * DAY_MS);
	const year = shifted.getUTCFullYear();
	if (year < 1 || year > 9999) return null;
	return { year, month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function validClock(hour?: string, minute?: string, second?: string): boolean {
	return (
		(hour === undefined || Number(hour) < 24) &&
		(minute === undefined || Number(minute) < 60) &&
		(second === undefined || Number(second) <= 60) // PS3.5 allows a leap second
	);
}

/** One DA value "YYYYMMDD" shifted, or null if it is not one. */
function shiftDa(value: string, offsetDays: number): string | null {
	const match = DA.exec(value);
	if (!match) return null;
	const day = shiftDay({ year: +match[1]!, month: +match[2]!, day: +match[3]! }, offsetDays);
	return day && `${pad(day.year, 4)}${pad(day.month, 2)}${pad(day.day, 2)}`;
}

/**
 * One DT value "YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]": its date shifted at its own
 * precision, its time kept, its offset dropped; null if it is not one.
 */
export function shiftDateText(value: string, offsetDays: number): string | null {
	const match = DT.exec(value);
	if (!match) return null;
	const [, year, month, day, hour, minute, second, fraction, sign, zoneHours, zoneMinutes] = match;
	if (!validClock(hour, minute, second)) return null;
	if (sign !== undefined && (Number(zoneHours) > 14 || Number(zoneMinutes) > 59)) return null;
	const shifted = shiftDay(
		{ year: +year!, month: month === undefined ? 1 : +month, day: day === undefined ? 1 : +day },
		offsetDays
	);
	if (!shifted) return null;
	return [
		pad(shifted.year, 4),
		month === undefined ? '' : pad(shifted.month, 2),
		day === undefined ? '' : pad(shifted.day, 2),
		hour ?? '',
		minute ?? '',
		second ?? '',
		fraction ?? ''
	].join('');
}

/** A value, or a range "A-B", "-B", "A-" (PS3.5 §6.2), each end mapped; null if any end fails. */
function mapRange(value: string, single: (part: string) => string | null): string | null {
	const whole = single(value);
	if (whole !== null) return whole;
	for (let at = value.indexOf('-'); at !== -1; at = value.indexOf('-', at + 1)) {
		const [from, to] = [value.slice(0, at), value.slice(at + 1)];
		if (from === '' && to === '') continue;
		const shiftedFrom = from === '' ? '' : single(from);
		const shiftedTo = to === '' ? '' : single(to);
		if (shiftedFrom !== null && shiftedTo !== null) return `${shiftedFrom}-${shiftedTo}`;
	}
	return null;
}

/** A DA or DT value (or range) shifted by whole days, or null when it is not a valid one. */
export function shiftDateValue(vr: 'DA' | 'DT', value: string, offsetDays: number): string | null {
	const single = vr === 'DA' ? shiftDa : shiftDateText;
	return mapRange(value, (part) => single(part, offsetDays));
}

/** A TM value (or range) "HH[MM[SS[.F{1,6}]]]" valid by PS3.5, kept as it is. */
export function isValidTime(value: string): boolean {
	return (
		mapRange(value, (part) => {
			const match = TM.exec(part);
			return match && validClock(match[1], match[2], match[3]) ? part : null;
		}) !== null
	);
}
