// The `tandem` commands by their top-level names, each with the one line the top-level help lists
// and the module that defines it. Only the module of the command being run is loaded, so a quick
// command (e.g. `analyze`) does not pay for the database and the web services, and `tandem --help`
// lists the commands from this table without loading any of them. A spec checks that every line
// here is the description its module gives the command.
import type { Command } from 'commander';

export type Register = (program: Command) => void;

export interface CommandEntry {
	/** Each top-level command the module registers, with its description. */
	readonly summaries: Readonly<Record<string, string>>;
	readonly load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
	{
		summaries: { study: 'study protocols: validate and load' },
		load: async () => (await import('./commands/study.command')).registerStudy
	},
	{
		summaries: { cases: 'case images: import with de-identification, review, truth, freeze' },
		load: async () => (await import('./commands/cases.command')).registerCases
	},
	{
		summaries: { user: 'accounts and study roles' },
		load: async () => (await import('./commands/user.command')).registerUser
	},
	{
		summaries: { annotation: 'the reference standard: annotation tasks, agreement, QC' },
		load: async () => (await import('./commands/annotation.command')).registerAnnotation
	},
	{
		summaries: { schedule: 'the randomized allocation', reader: 'reader enrolment' },
		load: async () => (await import('./commands/schedule.command')).registerSchedule
	},
	{
		summaries: { audit: 'the tamper-evident audit trail' },
		load: async () => (await import('./commands/audit.command')).registerAudit
	},
	{
		summaries: { demo: 'the demo study (synthetic data)' },
		load: async () => (await import('./commands/demo.command')).registerDemo
	},
	{
		summaries: { export: 'third-party-blind export, verification, commit-then-unblind' },
		load: async () => (await import('./commands/export.command')).registerExport
	},
	{
		summaries: {
			model:
				'AI models: registry, scoring, repeatability, standalone performance, robustness, version comparison'
		},
		load: async () => (await import('./commands/model.command')).registerModel
	},
	{
		summaries: {
			worker: 'score AI jobs from the job queue until stopped (PostgreSQL deployments)'
		},
		load: async () => (await import('./commands/worker.command')).registerWorker
	},
	{
		summaries: {
			backup:
				'online, consistent backup of the database (SQLite backup API, safe while the server runs), keys, models and images, with a signed manifest',
			restore:
				'restore a backup into an empty location, verified before it is put in place; overwrites nothing'
		},
		load: async () => (await import('./commands/backup.command')).registerBackup
	},
	{
		summaries: {
			images: 'the image store: move a study into it, check it against the recorded hashes'
		},
		load: async () => (await import('./commands/images.command')).registerImages
	},
	{
		summaries: {
			report:
				'write the performance-verification report (report.html, report.pdf, analysis.json), or sign it off'
		},
		load: async () => (await import('./commands/report.command')).registerReport
	},
	{
		summaries: {
			archive:
				'the sealed archive of a locked study (protocol versions, dataset, reads, AI outputs, audit, signatures, report, blind export) under one signed index, or verify one'
		},
		load: async () => (await import('./commands/archive.command')).registerArchive
	},
	{
		summaries: {
			analyze:
				'MRMC analysis (Obuchowski–Rockette or DBM, Hillis df) of a long-format reads CSV or a study’s blind export'
		},
		load: async () => (await import('./commands/analyze.command')).registerAnalyze
	},
	{
		summaries: {
			convert:
				'lesion-level study: the marks and lesions CSVs to a JAFROC FROC workbook (.xlsx) for RJafroc, or back'
		},
		load: async () => (await import('./commands/convert.command')).registerConvert
	},
	{
		summaries: {
			power:
				'readers × cases needed for a target power (Hillis–Obuchowski–Berbaum 2011, OR RRRC, Hillis ddf)'
		},
		load: async () => (await import('./commands/power.command')).registerPower
	},
	{
		summaries: {
			simulate: 'type I error and CI coverage of the RRRC OR test on Roe & Metz (1997) null studies'
		},
		load: async () => (await import('./commands/simulate.command')).registerSimulate
	}
];

/** The entry defining the command `argv` asks for (`tandem <name> …` or `tandem help <name>`). */
export function commandFor(argv: readonly string[]): CommandEntry | undefined {
	const name = argv[2] === 'help' ? argv[3] : argv[2];
	if (name === undefined) return undefined;
	return COMMANDS.find((entry) => Object.hasOwn(entry.summaries, name));
}

/**
 * Lists every command by name and description only, for the top-level help and the error after an
 * unknown command; none of their modules is loaded.
 */
export function registerListing(program: Command): void {
	for (const entry of COMMANDS)
		for (const [name, summary] of Object.entries(entry.summaries))
			program.command(name).description(summary);
}
