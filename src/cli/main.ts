// The `tandem` command: `npm run --silent tandem -- <command>`.
// Thin: every command parses its arguments and calls the same services as the web app.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { ServiceError } from '../lib/server/errors';
import { ConfigError } from '../lib/server/config';

type Register = (program: Command) => void;

/**
 * Commands by their top-level names. Only the module of the command being run is loaded, so a
 * quick command (e.g. `analyze`) does not pay for the database and the web services; help and
 * unknown commands load them all for the listing.
 */
const COMMANDS: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
	{ names: ['study'], load: async () => (await import('./commands/study.command')).registerStudy },
	{ names: ['cases'], load: async () => (await import('./commands/cases.command')).registerCases },
	{ names: ['user'], load: async () => (await import('./commands/user.command')).registerUser },
	{
		names: ['annotation'],
		load: async () => (await import('./commands/annotation.command')).registerAnnotation
	},
	{
		names: ['schedule', 'reader'],
		load: async () => (await import('./commands/schedule.command')).registerSchedule
	},
	{ names: ['audit'], load: async () => (await import('./commands/audit.command')).registerAudit },
	{ names: ['demo'], load: async () => (await import('./commands/demo.command')).registerDemo },
	{
		names: ['export'],
		load: async () => (await import('./commands/export.command')).registerExport
	},
	{ names: ['model'], load: async () => (await import('./commands/model.command')).registerModel },
	{
		names: ['backup', 'restore'],
		load: async () => (await import('./commands/backup.command')).registerBackup
	},
	{
		names: ['report'],
		load: async () => (await import('./commands/report.command')).registerReport
	},
	{
		names: ['analyze'],
		load: async () => (await import('./commands/analyze.command')).registerAnalyze
	},
	{
		names: ['convert'],
		load: async () => (await import('./commands/convert.command')).registerConvert
	},
	{ names: ['power'], load: async () => (await import('./commands/power.command')).registerPower },
	{
		names: ['simulate'],
		load: async () => (await import('./commands/simulate.command')).registerSimulate
	}
];

const program = new Command('tandem')
	.description('Tandem — MRMC reader studies and clinical trials of AI imaging software')
	.showHelpAfterError()
	.exitOverride();

try {
	const requested = process.argv[2];
	const matching = COMMANDS.filter(
		(command) => requested !== undefined && command.names.includes(requested)
	);
	for (const command of matching.length > 0 ? matching : COMMANDS) (await command.load())(program);
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
