// Accounts and study memberships. Creating accounts is for study admins and the CLI operator;
// a coordinator may create new reader accounts at their own site only: giving an existing account
// a role is the admin's act. Roles that do not go together in a study are refused on every path.
// A new account gets the password its owner gave (the operator's own, a demo's), or an invitation:
// a one-time link with which its owner sets their own (invitation.service.ts). A coordinator never
// chooses a reader's password: their new readers are always invited.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, sites, users, ROLES, type Role } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import {
	refuseAccess,
	requireStudyBySlug,
	requireStudyRole,
	requireSiteScope
} from '../access/access';
import { AccessDenied, InputError } from '../errors';
import type { Principal } from '../access/principal';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { normaliseEmail } from '../auth/login.service';
import { enrolReaderTx } from '../schedule/enrolment';
import { requireSeparateRoles } from './role-separation';
import { assertUnlocked } from '../export/lock.service';
import { TEXT_MAX } from '../../domain/free-text';
import { protocolOf } from '../studies/study-protocol';
import {
	checkQualification,
	isTruthMaker,
	recordQualificationTx
} from '../reference-standard/qualification';
import { createInvitationTx, unusablePasswordHash, type Invitation } from './invitation.service';
import { withTransaction } from '../db/transaction';

/** Roles that belong to one site. */
const SITE_ROLES: ReadonlySet<Role> = new Set(['coordinator', 'reader']);

export const addUserInput = z.object({
	email: z.email().max(TEXT_MAX.email).transform(normaliseEmail),
	name: z.string().trim().min(1).max(TEXT_MAX.name),
	role: z.enum(ROLES),
	study: z.string().min(1).max(TEXT_MAX.code),
	site: z.string().min(1).max(TEXT_MAX.code).optional(),
	password: z
		.string()
		.min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
		.max(200)
		.optional(),
	/** A new account without a password: invite its owner to set their own. */
	invite: z.boolean().optional(),
	/** Readers, annotators and adjudicators: recorded with the role (licence: the latter two). */
	qualifications: z
		.object({
			yearsExperience: z.int().min(0).max(70).optional(),
			specialty: z.string().trim().min(1).max(TEXT_MAX.name).optional(),
			licence: z.string().trim().min(1).max(TEXT_MAX.name).optional(),
			trainingCompletedAt: z.iso.date().optional()
		})
		.optional()
});
export type AddUserInput = z.input<typeof addUserInput>;

export interface AddUserResult {
	/** For readers: the study reader code and allocated sequence. */
	enrolment?: { readerCode: string; sequence: string };
	userId: number;
	/** The e-mail as stored (trimmed, lower-case). */
	email: string;
	membershipId: number;
	createdAccount: boolean;
	/** The new account's invitation (its token is shown once, never stored). */
	invitation?: Invitation;
}

export async function addUser(
	db: Db,
	principal: Principal,
	rawInput: AddUserInput
): Promise<AddUserResult> {
	const parsed = addUserInput.safeParse(rawInput);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new InputError(
			`${issue.path.join('.') || 'input'}: ${issue.message}`,
			issue.path.join('.')
		);
	}
	const input = parsed.data;
	const study = await requireStudyBySlug(db, input.study);
	const access = await requireStudyRole(db, principal, study.id, ['admin', 'coordinator'], {
		action: 'membership.create'
	});
	// After the lock no reader or coordinator joins; a study-wide role (the evaluator who commits the
	// results) still may.
	if (input.role === 'reader' || input.role === 'coordinator')
		await assertUnlocked(db, study.id, 'adding a reader or coordinator to the study');
	if (access.role === 'coordinator' && input.role !== 'reader')
		throw refuseAccess(access, new AccessDenied('A coordinator can add readers only.'));
	if (input.qualifications !== undefined && input.role !== 'reader' && !isTruthMaker(input.role))
		throw new InputError(
			'qualifications: only readers, annotators and adjudicators have qualifications',
			'qualifications'
		);
	if (input.qualifications?.licence !== undefined && !isTruthMaker(input.role))
		throw new InputError(
			'qualifications.licence: recorded for annotators and adjudicators',
			'qualifications.licence'
		);
	const qualification = isTruthMaker(input.role)
		? checkQualification(protocolOf(study), study.slug, input.role, input.qualifications)
		: null;

	const site =
		input.site === undefined
			? null
			: (
					await db
						.select()
						.from(sites)
						.where(and(eq(sites.studyId, study.id), eq(sites.code, input.site)))
				)[0];
	if (input.site !== undefined && !site)
		throw new InputError(`site: no site "${input.site}" in study "${study.slug}"`, 'site');
	if (SITE_ROLES.has(input.role) && !site)
		throw new InputError(`site: a ${input.role} belongs to a site (--site)`, 'site');
	if (!SITE_ROLES.has(input.role) && site)
		throw new InputError(`site: a ${input.role} is study-wide and has no site`, 'site');
	requireSiteScope(access, site?.id ?? null);
	// A coordinator invites: asked before the address is looked up, so the answer says nothing about
	// whether an account exists.
	if (access.role === 'coordinator' && input.password !== undefined)
		throw new InputError(
			"password: a coordinator does not choose a reader's password; the reader is invited to set their own",
			'password'
		);
	if (input.password !== undefined && input.invite)
		throw new InputError('password: either a password or an invitation, not both', 'password');
	const invite = access.role === 'coordinator' || input.invite === true;

	const existing = (await db.select().from(users).where(eq(users.email, input.email)))[0];
	// Whoever the address belongs to (a colleague, the statistician, the coordinator), it is not the
	// coordinator's to enrol: no password, no consent. The same answer whatever role it holds.
	if (existing && access.role === 'coordinator')
		throw refuseAccess(
			access,
			new AccessDenied(
				'A coordinator enrols new accounts only: ask the study admin to give an existing account a role.'
			),
			{ targetType: 'user', targetId: existing.id }
		);
	if (!existing && input.password === undefined && !invite)
		throw new InputError('password: a new account needs a password (or an invitation)', 'password');
	// Hash before the transaction: argon2 is asynchronous and SQLite transactions here are synchronous.
	const passwordHash = existing
		? null
		: input.password === undefined
			? await unusablePasswordHash()
			: await hashPassword(input.password);
	let invitation: Invitation | undefined;

	return await withTransaction(db, async (tx) => {
		let userId = existing?.id;
		if (userId === undefined) {
			userId = (
				await tx
					.insert(users)
					.values({ email: input.email, name: input.name, passwordHash: passwordHash! })
					.returning({ id: users.id })
			)[0]!.id;
			await recordAudit(tx, principal, {
				action: 'user.created',
				entityType: 'user',
				entityId: userId,
				after: { email: input.email, name: input.name }
			});
			if (input.password === undefined)
				invitation = await createInvitationTx(tx, principal, {
					userId,
					email: input.email,
					studyId: study.id
				});
		}
		await requireSeparateRoles(tx, { userId, email: input.email }, study, input.role);
		const duplicate = (
			await tx
				.select()
				.from(memberships)
				.where(
					and(
						eq(memberships.userId, userId),
						eq(memberships.studyId, study.id),
						eq(memberships.role, input.role)
					)
				)
		)[0];
		if (duplicate)
			throw new InputError(
				`${input.email} already has the role ${input.role} in ${study.slug}`,
				'role'
			);
		const membership = { userId, studyId: study.id, role: input.role, siteId: site?.id ?? null };
		const membershipId = (
			await tx.insert(memberships).values(membership).returning({ id: memberships.id })
		)[0]!.id;
		await recordAudit(tx, principal, {
			action: 'membership.created',
			entityType: 'membership',
			entityId: membershipId,
			studyId: study.id,
			after: { ...membership, email: input.email, site: input.site ?? null }
		});
		// A reader is enrolled with the membership: their schedule is derived now, in this transaction.
		const enrolment =
			input.role === 'reader'
				? await enrolReaderTx(tx, principal, study.id, membershipId, input.qualifications)
				: undefined;
		if (qualification)
			await recordQualificationTx(tx, principal, study.id, membershipId, qualification);
		return {
			userId,
			email: input.email,
			membershipId,
			createdAccount: existing === undefined,
			enrolment,
			invitation
		};
	});
}
