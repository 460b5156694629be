import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { memberships, studies, users } from '../db/schema';
import { systemPrincipal } from '../access/principal';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from './demo-accounts.service';
import type { Db } from '../db/client';

const threeSites = (slug: string) =>
	FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`).replace(
		'    expected_readers: 1\n',
		'    expected_readers: 1\n  - code: site-c\n    name: Site C\n    expected_readers: 1\n'
	);

function loadDemoStudy(db: Db, slug: string): number {
	const result = readStudyFolder(makeStudyFolder({ yaml: threeSites(slug) }));
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return loadStudy(db, systemPrincipal('test'), result.folder).studyId;
}

function rolesIn(db: Db, studyId: number): string[] {
	return db
		.select({ email: users.email, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.studyId, studyId))
		.all()
		.map((row) => `${row.email} ${row.role}`)
		.sort();
}

describe('ensureDemoAccounts', () => {
	it('gives the accounts of the first demo study their roles in a second one, with no new logins', async () => {
		const db = testDatabase();
		const first = loadDemoStudy(db, 'demo-one');
		const second = loadDemoStudy(db, 'demo-two');
		const created = await ensureDemoAccounts(db, 'demo-one', 'a-demo-password-1');
		expect(created).toHaveLength(DEMO_ACCOUNTS.length);
		const again = await ensureDemoAccounts(db, 'demo-two', 'a-demo-password-1');
		expect(again).toEqual([]);
		const expected = DEMO_ACCOUNTS.map((account) => `${account.email} ${account.role}`).sort();
		expect(rolesIn(db, first)).toEqual(expected);
		expect(rolesIn(db, second)).toEqual(expected);
		// Readers are enrolled (a schedule) in the second study too; a third call changes nothing.
		expect(await ensureDemoAccounts(db, 'demo-two', 'a-demo-password-1')).toEqual([]);
		expect(rolesIn(db, second)).toEqual(expected);
		const slugs = db.select({ slug: studies.slug }).from(studies).all();
		expect(slugs).toHaveLength(2);
	});
});
