// Sending e-mail: one SMTP transport per message, built from the mail settings (TANDEM_SMTP_URL,
// TANDEM_MAIL_FROM, read in config.ts). Short timeouts: a coordinator waits for the answer. A
// failure is thrown with a message that never carries the URL's password.
import nodemailer from 'nodemailer';

export interface MailSettings {
	/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
	smtpUrl: string;
	/** The From address, e.g. `Tandem <tandem@hospital.org>`. */
	from: string;
}

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html: string;
}

const TIMEOUT_MS = 10_000;

/** Sends one message; resolves when the server has accepted it. */
export async function sendMail(settings: MailSettings, message: MailMessage): Promise<void> {
	const transport = nodemailer.createTransport({
		url: settings.smtpUrl,
		connectionTimeout: TIMEOUT_MS,
		greetingTimeout: TIMEOUT_MS,
		socketTimeout: 2 * TIMEOUT_MS
	});
	try {
		await transport.sendMail({
			...message,
			from: settings.from
		});
	} finally {
		transport.close();
	}
}

/** A failure in words for the audit trail and the coordinator: the server's answer, no secret. */
export function mailFailure(error: unknown, settings: MailSettings): string {
	const { code, responseCode, message } = error as {
		code?: string;
		responseCode?: number;
		message?: string;
	};
	let text = [responseCode, code, message].filter(Boolean).join(' ') || String(error);
	const password = safeUrl(settings.smtpUrl)?.password;
	if (password)
		text = text.split(decodeURIComponent(password)).join('***').split(password).join('***');
	return text.slice(0, 300);
}

function safeUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}
