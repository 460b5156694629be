import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { memberQualifications, memberships, studies, users } from '../db/schema';
import { systemPrincipal } from '../access/principal';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { DEMO_ACCOUNTS, ensureDemoAccounts, joinsDemoStudy } from './demo-accounts.service';
import type { Db } from '../db/client';

const threeSites = (slug: string) =>
	FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`).replace(
		'    expected_readers: 1\n',
		'    expected_readers: 1\n  - code: site-c\n    name: Site C\n    expected_readers: 1\n'
	);

/** The reading demos' accounts: everyone but the annotators and the adjudicator. */
const READING = DEMO_ACCOUNTS.filter((account) => joinsDemoStudy(account, false));

async function loadDemoStudy(db: Db, slug: string, extraYaml = ''): Promise<number> {
	const result = readStudyFolder(makeStudyFolder({ yaml: threeSites(slug) + extraYaml }));
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return (await loadStudy(db, systemPrincipal('test'), result.folder)).studyId;
}

async function rolesIn(db: Db, studyId: number): Promise<string[]> {
	return (
		await db
			.select({ email: users.email, role: memberships.role })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.studyId, studyId))
	)
		.map((row) => `${row.email} ${row.role}`)
		.sort();
}

describe('ensureDemoAccounts', () => {
	it('gives the accounts of the first demo study their roles in a second one, with no new logins', async () => {
		const db = await testDatabase();
		const first = await loadDemoStudy(db, 'demo-one');
		const second = await loadDemoStudy(db, 'demo-two');
		const created = await ensureDemoAccounts(db, 'demo-one', 'a-demo-password-1');
		expect(created).toHaveLength(READING.length);
		const again = await ensureDemoAccounts(db, 'demo-two', 'a-demo-password-1');
		expect(again).toEqual([]);
		const expected = READING.map((account) => `${account.email} ${account.role}`).sort();
		expect(await rolesIn(db, first)).toEqual(expected);
		expect(await rolesIn(db, second)).toEqual(expected);
		// Readers are enrolled (a schedule) in the second study too; a third call changes nothing.
		expect(await ensureDemoAccounts(db, 'demo-two', 'a-demo-password-1')).toEqual([]);
		expect(await rolesIn(db, second)).toEqual(expected);
		const slugs = await db.select({ slug: studies.slug }).from(studies);
		expect(slugs).toHaveLength(2);
	});
});

describe('the demo accounts of a study whose truth is made in Tandem', () => {
	it('are its annotators and adjudicator (with their years), the admin, statistician and evaluator: no reader, coordinator or sponsor', async () => {
		const db = await testDatabase();
		const studyId = await loadDemoStudy(db, 'demo-truth', 'reference_standard:\n  annotators: 2\n');
		const created = await ensureDemoAccounts(db, 'demo-truth', 'a-demo-password-1');
		expect(await rolesIn(db, studyId)).toEqual([
			'adjudicator@demo.example.org adjudicator',
			'admin@demo.example.org admin',
			'annotator.1@demo.example.org annotator',
			'annotator.2@demo.example.org annotator',
			'evaluator@demo.example.org evaluator',
			'statistician@demo.example.org statistician'
		]);
		expect(created.map((login) => login.role).sort()).toEqual([
			'adjudicator',
			'admin',
			'annotator',
			'annotator',
			'evaluator',
			'statistician'
		]);
		// Their experience is recorded: the protocol's minimums (3 and 10 years) were checked.
		const years = await db.select().from(memberQualifications);
		expect(years.map((row) => row.yearsExperience).sort((a, b) => a - b)).toEqual([5, 6, 18]);
	});
});
