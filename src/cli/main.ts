// The `tandem` command: `npm run --silent tandem -- <command>`.
// Thin: every command parses its arguments and calls the same services as the web app.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { commandFor, registerListing } from './command-table';
import { ServiceError } from '../lib/server/errors';
import { ConfigError } from '../lib/server/config-error';
import { logToTerminal } from '../lib/server/logger';
import { closeDatabase, openProcessDatabase } from '../lib/server/db/client';
import { processDialect } from '../lib/server/db/dialect';

// What the services log (a checkpoint that failed, a refusal not audited) reaches the operator as
// plain lines on stderr, not the server's JSON on stdout, which is the command's own output.
logToTerminal();

const program = new Command('tandem')
	.description('Tandem — MRMC reader studies and clinical trials of AI imaging software')
	.showHelpAfterError()
	.exitOverride();

try {
	// The command asked for is loaded; help and an unknown command get the listing alone.
	const command = commandFor(process.argv);
	if (command) (await command.load())(program);
	else registerListing(program);
	// PostgreSQL is opened (and migrated) before a command runs; SQLite opens on first use.
	if (processDialect() === 'postgres')
		program.hook('preAction', async () => void (await openProcessDatabase()));
	await program.parseAsync(process.argv);
} catch (error) {
	process.exitCode = reportError(error);
} finally {
	// PostgreSQL's pool would keep the process alive; SQLite's file is closed cleanly.
	await closeDatabase();
}

function reportError(error: unknown): number {
	if (error instanceof CommanderError) return error.exitCode;
	if (error instanceof ServiceError) {
		process.stderr.write(`tandem: ${error.message}\n`);
		return 1;
	}
	if (error instanceof ConfigError) {
		process.stderr.write(`tandem: ${error.message}\n`);
		return 2;
	}
	if (error instanceof CliError) {
		process.stderr.write(`${error.message}\n`);
		return error.exitCode;
	}
	process.stderr.write(
		`tandem: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
	);
	return 2;
}
