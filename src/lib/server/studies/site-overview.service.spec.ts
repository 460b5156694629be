import { describe, expect, it } from 'vitest';
import { siteOverview } from './site-overview.service';
import { listMyStudies } from './my-studies.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';

describe('siteOverview', () => {
	it('shows a coordinator their own site of each study they coordinate, and nothing to a reader', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const { userId } = await addUser(db, operatorPrincipal(), {
			email: 'c@x.org',
			name: 'Coordinator',
			role: 'coordinator',
			study: 'mini-study',
			site: 'site-b',
			password: 'long enough password'
		});
		const coordinator: UserPrincipal = {
			kind: 'user',
			userId,
			email: 'c@x.org',
			name: 'Coordinator'
		};

		expect((await listMyStudies(db, readers[0]!)).map((study) => study.roles)).toEqual([
			['reader']
		]);
		expect(await listMyStudies(db, readers[0]!, ['coordinator', 'admin'])).toEqual([]);
		expect(await siteOverview(db, readers[0]!)).toEqual([]);

		const [mine] = await siteOverview(db, coordinator);
		expect(mine).toMatchObject({
			study: { slug: 'mini-study' },
			site: { code: 'site-b' },
			sites: ['site-b']
		});
		expect(mine!.readers.map((reader) => reader.email)).toEqual(['reader2@site-b.org']);
		expect((await siteOverview(db, coordinator, 'site-a'))[0]).toMatchObject({
			site: null,
			readers: []
		});

		expect((await siteOverview(db, operatorPrincipal(), 'site-a'))[0]).toMatchObject({
			site: { code: 'site-a' },
			sites: ['site-a', 'site-b'],
			burnedInPending: 0
		});
	});
});
