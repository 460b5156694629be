// The `tandem` command: `npm run --silent tandem -- <command>`.
// Thin: every command parses its arguments and calls the same services as the web app.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { ServiceError } from '../lib/server/errors';
import { registerStudy } from './commands/study.command';
import { registerUser } from './commands/user.command';
import { registerAudit } from './commands/audit.command';
import { registerDemo } from './commands/demo.command';
import { registerSchedule } from './commands/schedule.command';

const program = new Command('tandem')
	.description('Tandem — MRMC reader studies and clinical trials of AI imaging software')
	.showHelpAfterError()
	.exitOverride();

const registrations: Array<(program: Command) => void> = [registerStudy, registerUser, registerAudit, registerDemo, registerSchedule];
for (const register of registrations) register(program);

try {
	await program.parseAsync(process.argv);
} catch (error) {
	process.exitCode = reportError(error);
}

function reportError(error: unknown): number {
	if (error instanceof CommanderError) return error.exitCode;
	if (error instanceof ServiceError) {
		process.stderr.write(`tandem: ${error.message}\n`);
		return 1;
	}
	if (error instanceof CliError) {
		process.stderr.write(`${error.message}\n`);
		return error.exitCode;
	}
	process.stderr.write(`tandem: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	return 2;
}
