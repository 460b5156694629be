// `tandem user add …` — accounts and study roles, created by the operator.
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { choiceOption } from '../option-parsers';
import { addUser } from '../../lib/server/users/user.service';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { ROLES } from '../../lib/server/db/schema';

export function registerUser(program: Command): void {
	const user = program.command('user').description('accounts and study roles');
	user
		.command('add')
		.requiredOption('--email <email>', 'login e-mail')
		.requiredOption('--name <name>', 'full name')
		.addOption(choiceOption('--role <role>', 'study role', ROLES).makeOptionMandatory())
		.requiredOption('--study <slug>', 'study')
		.option('--site <code>', 'site (coordinators and readers)')
		.option('--password-stdin', 'read the password from standard input (for a new account)')
		.description('create an account (if new) and give it a role in a study')
		.action(
			async (options: {
				email: string;
				name: string;
				role: (typeof ROLES)[number];
				study: string;
				site?: string;
				passwordStdin?: boolean;
			}) => {
				const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
				const result = await addUser(getDatabase(), operatorPrincipal(), {
					email: options.email,
					name: options.name,
					role: options.role,
					study: options.study,
					site: options.site,
					password
				});
				const what = result.createdAccount ? 'created account' : 'existing account';
				process.stdout.write(
					`${result.email}: ${what}, role ${options.role} in ${options.study}${options.site ? ` at ${options.site}` : ''}\n`
				);
			}
		);
}

export async function readPasswordFromStdin(): Promise<string> {
	if (process.stdin.isTTY) process.stderr.write('Password: ');
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	const password = Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
	if (password === '') throw new CliError('no password on standard input', 1);
	return password;
}
