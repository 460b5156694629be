// The electronic signature of a command that locks, releases the key, freezes or signs off: who
// signs (--as EMAIL: a named person; the operator's shell account is not one, so the command acts
// as that person, in their study role), what the signature means (--meaning) and their password.
// The password is read from --password-file FILE, else TANDEM_SIGNATURE_PASSWORD, else asked for
// on the terminal without echo; with neither and no terminal (CI), the command stops.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error';
import { choiceOption } from './option-parsers';
import { signaturePassword } from '../lib/server/config';
import type { Db } from '../lib/server/db/client';
import type { UserPrincipal } from '../lib/server/access/principal';
import { signerAt } from '../lib/server/signatures/signature.service';
import {
	MEANING_TEXT,
	SIGNATURE_MEANINGS,
	type SignatureInput,
	type SignatureMeaning
} from '../lib/domain/signature';

export interface SignatureFlags {
	as: string;
	meaning: SignatureMeaning;
	passwordFile?: string;
}

/** Adds --as, --meaning and --password-file to a command that needs a signature. */
export function withSignature(command: Command): Command {
	return command
		.requiredOption('--as <email>', 'who signs: the account (e-mail) of the person signing')
		.addOption(
			choiceOption(
				'--meaning <meaning>',
				'what the signature means',
				SIGNATURE_MEANINGS
			).makeOptionMandatory()
		)
		.option(
			'--password-file <file>',
			"a file holding the signer's password (without a terminal; else TANDEM_SIGNATURE_PASSWORD)"
		);
}

/** The signer (acting principal) and their signature, the password read as described above. */
export async function cliSignature(
	db: Db,
	flags: SignatureFlags,
	command: string
): Promise<{ principal: UserPrincipal; signature: SignatureInput }> {
	const principal = await signerAt(db, flags.as, command);
	const password = await signerPassword(principal, flags.passwordFile);
	return { principal, signature: { password, meaning: flags.meaning } };
}

/** "signed by Ada Admin <ada@x.org> (Approved)". */
export function signedBy(principal: UserPrincipal, meaning: SignatureMeaning): string {
	return `signed by ${principal.name} <${principal.email}> (${MEANING_TEXT[meaning]})`;
}

async function signerPassword(principal: UserPrincipal, file?: string): Promise<string> {
	if (file !== undefined) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			throw new CliError(
				`--password-file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
				1
			);
		}
		const password = text.replace(/\r?\n$/, '');
		if (password === '') throw new CliError(`--password-file ${file}: the file is empty`, 1);
		return password;
	}
	const fromEnvironment = signaturePassword();
	if (fromEnvironment !== undefined) return fromEnvironment;
	if (!process.stdin.isTTY)
		throw new CliError(
			`A signature needs the password of ${principal.email}: there is no terminal to ask on; give --password-file FILE or set TANDEM_SIGNATURE_PASSWORD.`,
			1
		);
	return askHidden(`Password of ${principal.name} <${principal.email}> (to sign): `);
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
	const input = process.stdin;
	return new Promise((resolve, reject) => {
		let typed = '';
		const finish = (error?: CliError) => {
			input.off('data', onData);
			input.setRawMode(false);
			input.pause();
			process.stderr.write('\n');
			if (error) reject(error);
			else if (typed === '') reject(new CliError('no password typed: nothing was signed', 1));
			else resolve(typed);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n' || char === '\u0004') return finish();
				if (char === '\u0003') return finish(new CliError('cancelled: nothing was signed', 130));
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else if (char >= ' ') typed += char;
			}
		};
		process.stderr.write(prompt);
		input.setEncoding('utf8');
		input.setRawMode(true);
		input.resume();
		input.on('data', onData);
	});
}
