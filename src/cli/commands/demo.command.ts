// `tandem demo setup` — what `npm start` runs: load the demo study and create its demo accounts.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { readStudyFolder, formatProblem } from '../../lib/server/studies/study-folder';
import { loadStudy } from '../../lib/server/studies/study-load.service';
import { ensureDemoAccounts, type CreatedLogin } from '../../lib/server/demo/demo-accounts.service';
import { getDatabase } from '../../lib/server/db/client';
import { databasePath } from '../../lib/server/config';
import { systemPrincipal } from '../../lib/server/access/principal';

export function registerDemo(program: Command): void {
	const demo = program.command('demo').description('the demo study (synthetic data)');
	demo
		.command('setup')
		.option('--dir <dir>', 'demo study folder', 'studies/demo-crossover')
		.description('load the demo study and create one demo account per role (logins printed once)')
		.action(async (options: { dir: string }) => {
			const result = readStudyFolder(options.dir);
			if (!result.ok) throw new CliError(result.problems.map(formatProblem).join('\n'), 1);
			const db = getDatabase();
			const load = loadStudy(db, systemPrincipal('demo-setup'), result.folder);
			process.stdout.write(`demo study ${result.folder.protocol.slug}: ${load.status}, ${load.cases} cases\n`);
			const logins = await ensureDemoAccounts(db, result.folder.protocol.slug, process.env.TANDEM_DEMO_PASSWORD || undefined);
			if (logins.length > 0) printLogins(logins);
		});
}

function printLogins(logins: CreatedLogin[]): void {
	const file = join(dirname(databasePath()), 'demo-logins.txt');
	const lines = logins.map((login) => `${login.role.padEnd(13)} ${login.email.padEnd(34)} ${login.password}${login.site ? `   (${login.site})` : ''}`);
	const text = ['Demo accounts (role, e-mail, password):', ...lines].join('\n') + '\n';
	writeFileSync(file, text, { mode: 0o600 });
	process.stdout.write(`\n${text}These passwords are shown once; a copy is in ${file}.\n\n`);
}
