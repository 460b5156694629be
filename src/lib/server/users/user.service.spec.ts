import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { addUser } from './user.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { sitePeople } from '../studies/site-people.service';
import { lockStudy } from '../export/lock.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { signer } from '$fixtures/signer.fixture';

const PASSWORD = 'long enough password';

async function studyWithCoordinator() {
	const db = await testDatabase();
	const result = readStudyFolder(makeStudyFolder());
	if (!result.ok) throw new Error('fixture invalid');
	await loadStudy(db, operatorPrincipal(), result.folder);
	const created = await addUser(db, operatorPrincipal(), {
		email: 'coord@a.org',
		name: 'Coord A',
		role: 'coordinator',
		study: 'mini-study',
		site: 'site-a',
		password: PASSWORD
	});
	const coordinator: UserPrincipal = {
		kind: 'user',
		userId: created.userId,
		email: 'coord@a.org',
		name: 'Coord A'
	};
	return { db, coordinator };
}

describe('addUser and site scope', () => {
	it('lets a coordinator add a reader at their own site only, and nothing else', async () => {
		const { db, coordinator } = await studyWithCoordinator();
		const reader = await addUser(db, coordinator, {
			email: 'r1@a.org',
			name: 'R1',
			role: 'reader',
			study: 'mini-study',
			site: 'site-a'
		});
		expect(reader.createdAccount).toBe(true);
		// The new reader is invited: a one-time link, not a password the coordinator chose.
		expect(reader.invitation?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		await expect(
			addUser(db, coordinator, {
				email: 'r2@b.org',
				name: 'R2',
				role: 'reader',
				study: 'mini-study',
				site: 'site-b'
			})
		).rejects.toThrow('That belongs to another site.');
		await expect(
			addUser(db, coordinator, {
				email: 's@x.org',
				name: 'S',
				role: 'sponsor',
				study: 'mini-study'
			})
		).rejects.toThrow('A coordinator can add readers only.');
		const readerPrincipal: UserPrincipal = {
			kind: 'user',
			userId: reader.userId,
			email: 'r1@a.org',
			name: 'R1'
		};
		await expect(
			addUser(db, readerPrincipal, {
				email: 'r3@a.org',
				name: 'R3',
				role: 'reader',
				study: 'mini-study',
				site: 'site-a',
				password: PASSWORD
			})
		).rejects.toThrow('You do not have access to this.');
		const audit = await sqlRows(
			db,
			"SELECT action FROM audit_events WHERE action LIKE 'user.%' OR action LIKE 'membership.%'"
		);
		expect(audit).toHaveLength(4); // coordinator + reader: account and membership each
	});

	it('shows a coordinator only their own site, whatever site is asked for', async () => {
		const { db, coordinator } = await studyWithCoordinator();
		await addUser(db, operatorPrincipal(), {
			email: 'rb@b.org',
			name: 'RB',
			role: 'reader',
			study: 'mini-study',
			site: 'site-b',
			password: PASSWORD
		});
		const own = await sitePeople(db, coordinator, 'mini-study');
		expect(own.site?.code).toBe('site-a');
		expect(own.sites).toEqual(['site-a']);
		expect(own.people.map((person) => person.email)).toEqual(['coord@a.org']);
		const asked = await sitePeople(db, coordinator, 'mini-study', 'site-b');
		expect(asked.site).toBeNull();
		expect(asked.people).toEqual([]);
		expect(
			(await sitePeople(db, operatorPrincipal(), 'mini-study', 'site-b')).people.map(
				(person) => person.email
			)
		).toEqual(['rb@b.org']);
	});

	it('refuses a duplicate role and adds a second role to an existing account without a password', async () => {
		const { db } = await studyWithCoordinator();
		await expect(
			addUser(db, operatorPrincipal(), {
				email: 'coord@a.org',
				name: 'Coord A',
				role: 'coordinator',
				study: 'mini-study',
				site: 'site-a'
			})
		).rejects.toThrow('already has the role coordinator');
		const second = await addUser(db, operatorPrincipal(), {
			email: 'COORD@a.org',
			name: 'Coord A',
			role: 'statistician',
			study: 'mini-study'
		});
		expect(second.createdAccount).toBe(false);
	});
});

describe('role separation (issue 14 #1)', () => {
	const person = (email: string, role: 'sponsor' | 'statistician' | 'evaluator' | 'admin') =>
		({ email, name: role, role, study: 'mini-study', password: PASSWORD }) as const;
	const reader = (email: string, site = 'site-a') =>
		({ email, name: 'R', role: 'reader', study: 'mini-study', site, password: PASSWORD }) as const;
	const readerRoles = async (db: Awaited<ReturnType<typeof studyWithCoordinator>>['db']) =>
		await sqlRows(
			db,
			"SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'reader' ORDER BY u.email"
		);

	it('lets a coordinator create new reader accounts only, never attach a role to an existing account', async () => {
		const { db, coordinator } = await studyWithCoordinator();
		await addUser(db, operatorPrincipal(), person('stat@x.org', 'statistician'));
		await addUser(db, operatorPrincipal(), person('sponsor@x.org', 'sponsor'));
		// A password from the coordinator is refused before the address is looked up, so the answer
		// says nothing about whether an account exists.
		for (const email of ['stat@x.org', 'sponsor@x.org', 'coord@a.org', 'new@x.org'])
			await expect(addUser(db, coordinator, reader(email))).rejects.toThrow(
				"password: a coordinator does not choose a reader's password"
			);
		// Invited instead: the existing account is not the coordinator's to enrol.
		for (const email of ['stat@x.org', 'sponsor@x.org', 'coord@a.org'])
			await expect(
				addUser(db, coordinator, { ...reader(email), password: undefined })
			).rejects.toThrow(/new accounts only/);
		expect(await readerRoles(db)).toEqual([]);
		const created = await addUser(db, coordinator, { ...reader('new@x.org'), password: undefined });
		expect(created.createdAccount).toBe(true);
		expect(created.invitation).toBeDefined();
	});

	it('refuses a reader membership to whoever holds sponsor, statistician, evaluator or admin in the study, and the reverse, on every path', async () => {
		const { db } = await studyWithCoordinator();
		const operator = operatorPrincipal();
		for (const [email, role] of [
			['sponsor@x.org', 'sponsor'],
			['stat@x.org', 'statistician'],
			['eval@x.org', 'evaluator'],
			['admin@x.org', 'admin']
		] as const) {
			await addUser(db, operator, person(email, role));
			await expect(addUser(db, operator, reader(email))).rejects.toThrow(
				`cannot be a reader in mini-study: they are its ${role}`
			);
		}
		expect(await readerRoles(db)).toEqual([]);
		await addUser(db, operator, reader('r@x.org'));
		for (const role of ['sponsor', 'statistician', 'evaluator', 'admin'] as const)
			await expect(addUser(db, operator, person('r@x.org', role))).rejects.toThrow(
				`cannot be ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} in mini-study: they are one of its readers`
			);
		// The admin (operator) may still give an existing account with no conflicting role a reader role.
		expect(
			(await addUser(db, operator, { ...reader('coord@a.org'), password: undefined }))
				.createdAccount
		).toBe(false);
	});

	it('refuses enrolment once the study is locked', async () => {
		const { db, coordinator } = await studyWithCoordinator();
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const locked =
			'The study database is locked: adding a reader or coordinator to the study is no longer possible.';
		await expect(
			addUser(db, coordinator, { ...reader('late@x.org'), password: undefined })
		).rejects.toThrow(locked);
		await expect(addUser(db, operatorPrincipal(), reader('late@x.org'))).rejects.toThrow(locked);
		expect(await readerRoles(db)).toEqual([]);
		expect(await sqlRow(db, "SELECT count(*) AS n FROM users WHERE email = 'late@x.org'")).toEqual({
			n: 0
		});
		// A study-wide role (the evaluator who registers after the lock) is still given.
		await addUser(db, operatorPrincipal(), person('eval@x.org', 'evaluator'));
	});
});
