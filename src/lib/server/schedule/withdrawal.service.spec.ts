// A coordinator learns nothing of other sites' readers or of accounts from the answers they get.
import { describe, expect, it } from 'vitest';
import { withdrawReader } from './withdrawal.service';
import { addUser } from '../users/user.service';
import { ServiceError } from '../errors';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';

async function coordinatorOf(db: Parameters<typeof addUser>[0], site: string) {
	const email = `coord@${site}.org`;
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: `Coordinator ${site}`,
		role: 'coordinator',
		study: 'mini-study',
		site,
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: email } satisfies UserPrincipal;
}

/** What the caller is told, with the address they typed taken out. */
async function answer(call: () => unknown, email: string) {
	try {
		await call();
		return 'done';
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return `${error.status} ${error.message.replaceAll(email, '<email>')}`;
	}
}

describe('what a coordinator is told', () => {
	it('is the same for another site’s reader as for an address that is no reader at all', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const coordinator = await coordinatorOf(db, 'site-a');
		const withdraw = (email: string) => async () =>
			await withdrawReader(db, coordinator, { study: 'mini-study', email, reason: 'moved away' });
		const otherSite = await answer(withdraw(readers[1]!.email), readers[1]!.email);
		expect(otherSite).toBe('404 No enrolled reader <email> in mini-study.');
		expect(await answer(withdraw('nobody@nowhere.org'), 'nobody@nowhere.org')).toBe(otherSite);
		expect(await answer(withdraw('coord@site-a.org'), 'coord@site-a.org')).toBe(otherSite);
		expect(await answer(withdraw(readers[0]!.email), readers[0]!.email)).toBe('done');
	});

	it('is the same for an existing account as for a new address when a password is given', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const coordinator = await coordinatorOf(db, 'site-a');
		await addUser(db, operatorPrincipal(), {
			email: 'sponsor@x.org',
			name: 'Sponsor',
			role: 'sponsor',
			study: 'mini-study',
			password: 'long enough password'
		});
		const enrol = (email: string) => () =>
			addUser(db, coordinator, {
				email,
				name: 'Someone',
				role: 'reader',
				study: 'mini-study',
				site: 'site-a',
				password: 'long enough password'
			});
		const fresh = await answer(enrol('new.person@x.org'), 'new.person@x.org');
		expect(fresh).toBe(
			"400 password: a coordinator does not choose a reader's password; the reader is invited to set their own"
		);
		for (const email of ['sponsor@x.org', readers[1]!.email, 'coord@site-a.org'])
			expect(await answer(enrol(email), email), email).toBe(fresh);
	});
});
