// The top-level help lists the commands from the table without loading them: each line there must
// be the description the command's own module gives it, and name every command the module defines.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandFor } from './command-table';

describe('the command table', () => {
	it.each(COMMANDS.map((entry) => [Object.keys(entry.summaries).join(', '), entry] as const))(
		'%s: the summaries are what the module registers',
		async (_names, entry) => {
			const program = new Command('tandem');
			(await entry.load())(program);
			const registered = Object.fromEntries(
				program.commands.map((command) => [command.name(), command.description()])
			);
			expect(registered).toEqual(entry.summaries);
		},
		60_000
	);

	it('finds the command asked for, directly or through help, and nothing for the rest', () => {
		const argv = (...args: string[]) => ['node', 'tandem', ...args];
		expect(Object.keys(commandFor(argv('restore', '--from', 'x'))!.summaries)).toContain('restore');
		expect(Object.keys(commandFor(argv('help', 'audit'))!.summaries)).toEqual(['audit']);
		expect(commandFor(argv('--help'))).toBeUndefined();
		expect(commandFor(argv())).toBeUndefined();
		expect(commandFor(argv('toString'))).toBeUndefined();
	});
});
