// The shared option parsers: each value below is written out by hand with what it must give.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { choiceOption, integerIn, isoDate, numberIn, oneOf, oneSidedAlpha } from './option-parsers';

function refusal(parse: (raw: string) => unknown, raw: string): string {
	try {
		parse(raw);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidArgumentError);
		return (error as Error).message;
	}
	throw new Error(`'${raw}' was accepted`);
}

describe('option parsers', () => {
	it('numberIn and integerIn take numbers in range and name the option otherwise', () => {
		expect(numberIn(0, 1, '--alpha')('0.025')).toBe(0.025);
		expect(numberIn(-1, 1, '--effect')('-1')).toBe(-1);
		expect(refusal(numberIn(0, 1, '--alpha'), '')).toBe(
			"--alpha must be a number in [0, 1], got ''."
		);
		expect(refusal(numberIn(0, 1, '--alpha'), '1.5')).toBe(
			"--alpha must be a number in [0, 1], got '1.5'."
		);
		expect(integerIn(2, 100, '--repeat')('10')).toBe(10);
		expect(refusal(integerIn(2, 100, '--repeat'), '10x')).toBe(
			"--repeat must be a number in [2, 100], got '10x'."
		);
		expect(refusal(integerIn(2, 100, '--repeat'), '2.5')).toBe(
			"--repeat must be an integer, got '2.5'."
		);
	});

	it('oneSidedAlpha takes the one range of the analysis and the protocol', () => {
		expect(oneSidedAlpha('--alpha')('0.025')).toBe(0.025);
		expect(oneSidedAlpha('--alpha')('0.1')).toBe(0.1);
		for (const raw of ['0.5', '0', '0.2', 'abc', '']) {
			expect(refusal(oneSidedAlpha('--alpha'), raw)).toBe(
				`--alpha must be a one-sided significance level between 0.000001 and 0.1 (0.025 is usual), got '${raw}'.`
			);
		}
	});

	it('oneOf takes exactly one of its words and lists them otherwise', () => {
		expect(oneOf(['csv', 'json'], '--format')('json')).toBe('json');
		expect(refusal(oneOf(['csv', 'json'], '--format'), 'JSON')).toBe(
			"--format must be csv or json, got 'JSON'."
		);
		expect(refusal(oneOf(['auc', 'sensitivity', 'specificity'], '--fom'), 'accuracy')).toBe(
			"--fom must be auc, sensitivity or specificity, got 'accuracy'."
		);
	});

	it('choiceOption lists its choices for the help and refuses others with the same message', () => {
		const option = choiceOption('--format <format>', 'output', ['text', 'json']);
		expect(option.argChoices).toEqual(['text', 'json']);
		expect(refusal((raw) => option.parseArg!(raw, undefined), 'xml')).toBe(
			"--format must be text or json, got 'xml'."
		);
	});

	it('isoDate takes real calendar dates only', () => {
		expect(isoDate('--training-completed')('2026-02-28')).toBe('2026-02-28');
		expect(refusal(isoDate('--training-completed'), '2026-02-30')).toBe(
			"--training-completed must be a date as YYYY-MM-DD, got '2026-02-30'."
		);
		expect(refusal(isoDate('--training-completed'), '2026-13-01')).toBe(
			"--training-completed must be a date as YYYY-MM-DD, got '2026-13-01'."
		);
		expect(refusal(isoDate('--training-completed'), '2026-02-28T10:00Z')).toContain(
			'must be a date as YYYY-MM-DD'
		);
		expect(isoDate('--start', true)('2026-02-28T10:00Z')).toBe('2026-02-28T10:00Z');
		expect(refusal(isoDate('--start', true), 'yesterday')).toContain(
			'--start must be a date as YYYY-MM-DD (optionally with a time'
		);
	});
});
