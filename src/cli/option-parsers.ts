// Argument parsers for the commands' options: a clear message naming the option and the value
// given, never a NaN or a silently taken default. Commander prefixes it with
// "error: option '--x <v>' argument 'value' is invalid."
import { InvalidArgumentError, Option } from 'commander';
import { oneSidedAlphaProblem } from '../lib/stats/hypothesis/alpha';

export function numberIn(min: number, max: number, what: string) {
	return (raw: string): number => {
		const value = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
			throw new InvalidArgumentError(`${what} must be a number in [${min}, ${max}], got '${raw}'.`);
		}
		return value;
	};
}

/** A one-sided significance level in the range the analysis and the protocol share. */
export function oneSidedAlpha(what: string) {
	return (raw: string): number => {
		const value = raw.trim() === '' ? NaN : Number(raw);
		const problem = oneSidedAlphaProblem(value);
		if (problem) throw new InvalidArgumentError(`${what} ${problem}, got '${raw}'.`);
		return value;
	};
}

export function integerIn(min: number, max: number, what: string) {
	const parse = numberIn(min, max, what);
	return (raw: string): number => {
		const value = parse(raw);
		if (!Number.isInteger(value))
			throw new InvalidArgumentError(`${what} must be an integer, got '${raw}'.`);
		return value;
	};
}

/** One of a fixed list of words, exactly as written. */
export function oneOf<const T extends readonly string[]>(choices: T, what: string) {
	const listed =
		choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
	return (raw: string): T[number] => {
		if (!choices.includes(raw))
			throw new InvalidArgumentError(`${what} must be ${listed}, got '${raw}'.`);
		return raw;
	};
}

/** An option taking one of a fixed list of words: the help lists them, any other value is refused by `oneOf`. */
export function choiceOption(
	flags: string,
	description: string,
	choices: readonly string[]
): Option {
	const option = new Option(flags, description).choices(choices);
	return option.argParser(oneOf(choices, option.long ?? option.name()));
}

/** A calendar date, YYYY-MM-DD (with `time`, optionally followed by an ISO time); returned as given. */
export function isoDate(what: string, time = false) {
	const form = time
		? /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/
		: /^\d{4}-\d{2}-\d{2}$/;
	return (raw: string): string => {
		const day = raw.slice(0, 10);
		const valid =
			form.test(raw) &&
			!Number.isNaN(new Date(raw).getTime()) &&
			new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
		if (!valid)
			throw new InvalidArgumentError(
				`${what} must be a date as YYYY-MM-DD${time ? ' (optionally with a time, e.g. 2026-03-01T09:00Z)' : ''}, got '${raw}'.`
			);
		return raw;
	};
}
