// Argument parsers for numeric options: a clear message naming the option, never a NaN.
import { InvalidArgumentError } from 'commander';

export function numberIn(min: number, max: number, what: string) {
	return (raw: string): number => {
		const value = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
			throw new InvalidArgumentError(`${what} must be a number in [${min}, ${max}], got '${raw}'.`);
		}
		return value;
	};
}

export function integerIn(min: number, max: number, what: string) {
	const parse = numberIn(min, max, what);
	return (raw: string): number => {
		const value = parse(raw);
		if (!Number.isInteger(value)) throw new InvalidArgumentError(`${what} must be an integer, got '${raw}'.`);
		return value;
	};
}
