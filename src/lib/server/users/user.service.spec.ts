import { describe, expect, it } from 'vitest';
import { addUser } from './user.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { sitePeople } from '../studies/site-people.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';

const PASSWORD = 'long enough password';

async function studyWithCoordinator() {
	const db = testDatabase();
	const result = readStudyFolder(makeStudyFolder());
	if (!result.ok) throw new Error('fixture invalid');
	loadStudy(db, operatorPrincipal(), result.folder);
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
			site: 'site-a',
			password: PASSWORD
		});
		expect(reader.createdAccount).toBe(true);
		await expect(
			addUser(db, coordinator, {
				email: 'r2@b.org',
				name: 'R2',
				role: 'reader',
				study: 'mini-study',
				site: 'site-b',
				password: PASSWORD
			})
		).rejects.toThrow('That belongs to another site.');
		await expect(
			addUser(db, coordinator, {
				email: 's@x.org',
				name: 'S',
				role: 'sponsor',
				study: 'mini-study',
				password: PASSWORD
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
		const audit = db.$client
			.prepare(
				"SELECT action FROM audit_events WHERE action LIKE 'user.%' OR action LIKE 'membership.%'"
			)
			.all();
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
		const own = sitePeople(db, coordinator, 'mini-study');
		expect(own.site?.code).toBe('site-a');
		expect(own.sites).toEqual(['site-a']);
		expect(own.people.map((person) => person.email)).toEqual(['coord@a.org']);
		const asked = sitePeople(db, coordinator, 'mini-study', 'site-b');
		expect(asked.site).toBeNull();
		expect(asked.people).toEqual([]);
		expect(
			sitePeople(db, operatorPrincipal(), 'mini-study', 'site-b').people.map(
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
