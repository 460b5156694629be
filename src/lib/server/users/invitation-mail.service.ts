// E-mailing an invitation's link, when mail is configured. Sent after the invitation is committed:
// whatever the mail server answers, the invitation stands and its link is shown to copy. The
// outcome is audited (`invitation.mailed`, `invitation.mail_failed`, without the token).
import { eq } from 'drizzle-orm';
import { invitations, studies, users } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { NotFound } from '../errors';
import { mailFailure, sendMail, type MailSettings } from '../mail/mailer';
import { invitationMail } from '../mail/invitation-mail';
import { invitationPath, type Invitation } from './invitation.service';
import { withTransaction } from '../db/transaction';

export type MailOutcome =
	| { status: 'off' }
	| { status: 'sent'; to: string }
	| { status: 'failed'; to: string; reason: string };

export interface MailInvitationOptions {
	/** Unset: mail is not configured and nothing is sent. */
	mail?: MailSettings;
	/** The server's address the link starts with, e.g. https://tandem.hospital.org */
	baseUrl: string;
}

/** The link of an invitation: the server's address and the invitation's path. */
export const invitationLink = (token: string, baseUrl: string) =>
	new URL(invitationPath(token), baseUrl).href;

/** E-mails the link of a just-created invitation to its account's owner; never throws for mail. */
export async function mailInvitation(
	db: Db,
	principal: Principal,
	invitation: Invitation,
	options: MailInvitationOptions
): Promise<MailOutcome> {
	const row = (
		await db
			.select({
				studyId: invitations.studyId,
				email: users.email,
				name: users.name,
				studyTitle: studies.title
			})
			.from(invitations)
			.innerJoin(users, eq(invitations.userId, users.id))
			.leftJoin(studies, eq(invitations.studyId, studies.id))
			.where(eq(invitations.id, invitation.id))
	)[0];
	if (!row || row.studyId === null || row.studyTitle === null)
		throw new NotFound(`No invitation ${invitation.id}.`);
	await requireStudyRole(db, principal, row.studyId, ['admin', 'coordinator'], {
		action: 'invitation.mail'
	});
	if (!options.mail) return { status: 'off' };

	let outcome: MailOutcome;
	try {
		await sendMail(
			options.mail,
			invitationMail({
				to: row.email,
				name: row.name,
				studyTitle: row.studyTitle,
				link: invitationLink(invitation.token, options.baseUrl),
				expiresAt: invitation.expiresAt
			})
		);
		outcome = { status: 'sent', to: row.email };
	} catch (error) {
		outcome = { status: 'failed', to: row.email, reason: mailFailure(error, options.mail) };
	}
	const audited = outcome;
	await withTransaction(
		db,
		async (tx) =>
			await recordAudit(tx, principal, {
				action: audited.status === 'sent' ? 'invitation.mailed' : 'invitation.mail_failed',
				entityType: 'invitation',
				entityId: invitation.id,
				studyId: row.studyId,
				after:
					audited.status === 'sent' ? { to: row.email } : { to: row.email, reason: audited.reason }
			})
	);
	return outcome;
}
