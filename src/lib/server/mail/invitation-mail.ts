// The invitation e-mail: plain text and simple HTML, naming the study, the link and its expiry.
import type { MailMessage } from './mailer';

export interface InvitationMailContent {
	to: string;
	name: string;
	studyTitle: string;
	link: string;
	expiresAt: Date;
}

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!
	);

/** `2026-12-12 02:16 UTC` */
const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function invitationMail(content: InvitationMailContent): MailMessage {
	const expires = utc(content.expiresAt);
	const text = [
		`Dear ${content.name},`,
		'',
		`You are invited to take part in the reader study "${content.studyTitle}" on Tandem.`,
		'Open this link to set your own password; it works once, and until ' + expires + ':',
		'',
		content.link,
		'',
		'If you did not expect this invitation, ignore this message: nothing happens without the link.'
	].join('\n');
	const html = [
		`<p>Dear ${escapeHtml(content.name)},</p>`,
		`<p>You are invited to take part in the reader study <strong>${escapeHtml(content.studyTitle)}</strong> on Tandem.</p>`,
		`<p>Open this link to set your own password; it works once, and until ${expires}:</p>`,
		`<p><a href="${escapeHtml(content.link)}">${escapeHtml(content.link)}</a></p>`,
		'<p>If you did not expect this invitation, ignore this message: nothing happens without the link.</p>'
	].join('\n');
	return {
		to: content.to,
		subject: `Invitation to the reader study ${content.studyTitle}`,
		text,
		html
	};
}
