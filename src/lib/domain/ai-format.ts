// How an AI model's score and threshold are written wherever a person reads them: the reading
// workstation, the analysis page, the verification report and the CLI. One rounding everywhere, at
// the precision model cards state thresholds in (the demo model's is 0.4451), so that a score and
// the threshold it is compared with never read differently from one page to the next.

/** Decimals of a model's score or threshold (values in 0…1) as shown. */
export const AI_VALUE_DECIMALS = 4;

/** A model score or threshold (0…1) as text: four decimals, e.g. 0.4451, 0.1300. */
export function formatAiValue(value: number): string {
	if (!Number.isFinite(value)) throw new RangeError(`not a finite AI value: ${value}`);
	const text = value.toFixed(AI_VALUE_DECIMALS);
	// -0.0000 is not a score anyone reported.
	return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}
