// `tandem user add …` / `tandem user invite …` — accounts and study roles, created by the operator;
// an invited account's owner sets their own password with a one-time link (invitation.service.ts).
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../cli-error';
import { choiceOption, integerIn, isoDate } from '../option-parsers';
import { addUser } from '../../lib/server/users/user.service';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { ROLES } from '../../lib/server/db/schema';
import { invitationPath } from '../../lib/server/users/invitation.service';
import { mailInvitation } from '../../lib/server/users/invitation-mail.service';
import { publicUrl } from '../../lib/server/config';
import { mailSettings } from '../../lib/server/config-combined';

export function registerUser(program: Command): void {
	const user = program.command('user').description('accounts and study roles');
	withMemberOptions(user.command('add'))
		.option('--password-stdin', 'read the password from standard input (for a new account)')
		.description('create an account (if new) and give it a role in a study')
		.action(async (options: MemberOptions & { passwordStdin?: boolean }) => {
			const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
			const result = await addUser(getDatabase(), operatorPrincipal(), {
				...memberOf(options),
				password
			});
			process.stdout.write(added(result, options));
		});
	withMemberOptions(user.command('invite'))
		.option(
			'--base-url <url>',
			"the server's address, put before the link (default TANDEM_PUBLIC_URL); needed to e-mail it",
			httpUrl
		)
		.description(
			'create an account with a one-time invitation link (its owner sets their own password) and give it a role'
		)
		.action(async (options: MemberOptions & { baseUrl?: string }) => {
			const result = await addUser(getDatabase(), operatorPrincipal(), {
				...memberOf(options),
				invite: true
			});
			process.stdout.write(added(result, options));
			if (!result.invitation) {
				process.stdout.write('no invitation: the account already has a password\n');
				return;
			}
			const path = invitationPath(result.invitation.token);
			const baseUrl = options.baseUrl ?? publicUrl();
			const link = baseUrl ? new URL(path, baseUrl).href : path;
			process.stdout.write(
				`invitation link (shown once, works once, valid until ${result.invitation.expiresAt.toISOString()}): ${link}\n`
			);
			const mail = mailSettings();
			if (!mail) return;
			if (!baseUrl) {
				process.stdout.write(
					'not e-mailed: a link in an e-mail needs the server address (--base-url or TANDEM_PUBLIC_URL)\n'
				);
				return;
			}
			const sent = await mailInvitation(getDatabase(), operatorPrincipal(), result.invitation, {
				mail,
				baseUrl
			});
			if (sent.status === 'sent') process.stdout.write(`e-mailed to ${sent.to}\n`);
			if (sent.status === 'failed')
				process.stderr.write(
					`the e-mail to ${sent.to} could not be sent (${sent.reason}); give them the link yourself\n`
				);
		});
}

interface MemberOptions {
	email: string;
	name: string;
	role: (typeof ROLES)[number];
	study: string;
	site?: string;
	years?: number;
	specialty?: string;
	licence?: string;
	training?: string;
}

/** The options `user add` and `user invite` share: who, and their role in which study. */
function withMemberOptions(command: Command): Command {
	return command
		.requiredOption('--email <email>', 'login e-mail')
		.requiredOption('--name <name>', 'full name')
		.addOption(choiceOption('--role <role>', 'study role', ROLES).makeOptionMandatory())
		.requiredOption('--study <slug>', 'study')
		.option('--site <code>', 'site (coordinators and readers)')
		.option(
			'--years <n>',
			'years of experience (readers, annotators, adjudicators)',
			integerIn(0, 70, '--years')
		)
		.option('--specialty <text>', 'specialty, e.g. thoracic radiology')
		.option('--licence <text>', 'licence number or attestation (annotators, adjudicators)')
		.option(
			'--training <date>',
			'date the study training was completed (YYYY-MM-DD)',
			isoDate('--training')
		);
}

function memberOf({ email, name, role, study, site, ...qualification }: MemberOptions) {
	const { years, specialty, licence, training } = qualification;
	const given = [years, specialty, licence, training].some((value) => value !== undefined);
	return {
		email,
		name,
		role,
		study,
		site,
		qualifications: given
			? { yearsExperience: years, specialty, licence, trainingCompletedAt: training }
			: undefined
	};
}

function added(result: { email: string; createdAccount: boolean }, options: MemberOptions): string {
	const what = result.createdAccount ? 'created account' : 'existing account';
	const where = options.site ? ` at ${options.site}` : '';
	return `${result.email}: ${what}, role ${options.role} in ${options.study}${where}\n`;
}

function httpUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new InvalidArgumentError(`--base-url must be a URL, got '${value}'.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new InvalidArgumentError(
			`--base-url must start with http:// or https://, got '${value}'.`
		);
	return url.origin;
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
