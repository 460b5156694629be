// One demo account per role for the demo study, created through the same user service (and audit
// trail) as real accounts. Only for a study whose protocol says `demo: true`.
import { and, eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { memberships, users, type Role } from '../db/schema';
import type { Db } from '../db/client';
import { addUser } from '../users/user.service';
import { requireStudyBySlug } from '../access/access';
import { systemPrincipal } from '../access/principal';
import { Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';

export interface DemoAccount {
	email: string;
	name: string;
	role: Role;
	site?: string;
	/** Readers, annotators and adjudicators: years of experience (the protocol sets the truth makers' minimums). */
	years?: number;
	/** Their specialty and the date their study training was completed (fictional). */
	specialty?: string;
	trainingCompletedAt?: string;
}

/**
 * Which demo studies an account joins: the truth makers only a study whose truth is made in
 * Tandem (reference_standard), the readers, coordinators and sponsor only the reading demos, the
 * admin, statistician and evaluator every one.
 */
export function joinsDemoStudy(account: DemoAccount, makesTruth: boolean): boolean {
	if (account.role === 'annotator' || account.role === 'adjudicator') return makesTruth;
	if (['reader', 'coordinator', 'sponsor'].includes(account.role)) return !makesTruth;
	return true;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{ email: 'admin@demo.example.org', name: 'Alex Admin', role: 'admin' },
	{ email: 'sponsor@demo.example.org', name: 'Sam Sponsor', role: 'sponsor' },
	{
		email: 'coordinator.a@demo.example.org',
		name: 'Casey Coordinator (A)',
		role: 'coordinator',
		site: 'site-a'
	},
	{
		email: 'coordinator.b@demo.example.org',
		name: 'Chris Coordinator (B)',
		role: 'coordinator',
		site: 'site-b'
	},
	{
		email: 'coordinator.c@demo.example.org',
		name: 'Cameron Coordinator (C)',
		role: 'coordinator',
		site: 'site-c'
	},
	{
		email: 'reader.a1@demo.example.org',
		name: 'Dr. Ada Reader',
		role: 'reader',
		site: 'site-a',
		years: 14,
		specialty: 'thoracic radiology',
		trainingCompletedAt: '2026-10-05'
	},
	{
		email: 'reader.a2@demo.example.org',
		name: 'Dr. Ahmed Reader',
		role: 'reader',
		site: 'site-a',
		years: 6,
		specialty: 'general radiology',
		trainingCompletedAt: '2026-10-05'
	},
	{
		email: 'reader.b1@demo.example.org',
		name: 'Dr. Bao Reader',
		role: 'reader',
		site: 'site-b',
		years: 21,
		specialty: 'abdominal radiology',
		trainingCompletedAt: '2026-10-05'
	},
	{
		email: 'reader.b2@demo.example.org',
		name: 'Dr. Bianca Reader',
		role: 'reader',
		site: 'site-b',
		years: 9,
		specialty: 'thoracic radiology',
		trainingCompletedAt: '2026-10-05'
	},
	{
		email: 'reader.c1@demo.example.org',
		name: 'Dr. Chen Reader',
		role: 'reader',
		site: 'site-c',
		years: 4,
		specialty: 'general radiology',
		trainingCompletedAt: '2026-10-05'
	},
	{
		email: 'reader.c2@demo.example.org',
		name: 'Dr. Clara Reader',
		role: 'reader',
		site: 'site-c',
		years: 12,
		specialty: 'oncologic imaging',
		trainingCompletedAt: '2026-10-05'
	},
	{ email: 'statistician@demo.example.org', name: 'Stella Statistician', role: 'statistician' },
	{ email: 'evaluator@demo.example.org', name: 'Evan Evaluator', role: 'evaluator' },
	{
		email: 'annotator.1@demo.example.org',
		name: 'Dr. Anna Annotator',
		role: 'annotator',
		years: 6,
		specialty: 'thoracic radiology',
		trainingCompletedAt: '2026-09-20'
	},
	{
		email: 'annotator.2@demo.example.org',
		name: 'Dr. Arjun Annotator',
		role: 'annotator',
		years: 5,
		specialty: 'abdominal radiology',
		trainingCompletedAt: '2026-09-20'
	},
	{
		email: 'adjudicator@demo.example.org',
		name: 'Dr. Judith Adjudicator',
		role: 'adjudicator',
		years: 18,
		specialty: 'thoracic radiology',
		trainingCompletedAt: '2026-09-18'
	}
];

export interface CreatedLogin extends DemoAccount {
	password: string;
}

/**
 * Creates the demo accounts that do not exist yet and returns their logins (the only time the
 * passwords are known); an account that exists already (made for another demo study) gets its
 * role in this study. `password` fixes one password for all (tests); otherwise each is random.
 */
export async function ensureDemoAccounts(
	db: Db,
	studySlug: string,
	password?: string
): Promise<CreatedLogin[]> {
	const study = await requireStudyBySlug(db, studySlug);
	if (!study.isDemo)
		throw new Conflict(`Study "${studySlug}" is not a demo study: demo accounts are refused.`);
	const created: CreatedLogin[] = [];
	const makesTruth = protocolOf(study).reference_standard !== undefined;
	for (const account of DEMO_ACCOUNTS.filter((entry) => joinsDemoStudy(entry, makesTruth))) {
		const { years, specialty, trainingCompletedAt, ...person } = account;
		const details = {
			...person,
			study: studySlug,
			...(years !== undefined && {
				qualifications: { yearsExperience: years, specialty, trainingCompletedAt }
			})
		};
		const user = (
			await db.select({ id: users.id }).from(users).where(eq(users.email, account.email))
		)[0];
		if (user) {
			const member = (
				await db
					.select({ id: memberships.id })
					.from(memberships)
					.where(
						and(
							eq(memberships.userId, user.id),
							eq(memberships.studyId, study.id),
							eq(memberships.role, account.role)
						)
					)
			)[0];
			if (!member) await addUser(db, systemPrincipal('demo-setup'), details);
			continue;
		}
		const secret = password ?? randomPassword();
		await addUser(db, systemPrincipal('demo-setup'), { ...details, password: secret });
		created.push({ ...account, password: secret });
	}
	return created;
}

/** 15 random bytes as 24 base-32 characters: letters and digits only, easy to copy. */
function randomPassword(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}
