// Every free text a person types (reasons, notes, query texts, names, addresses) is bounded where
// the service takes it: an over-long text is refused naming the field, and nothing of it is stored.
import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { withdrawReader } from './schedule/withdrawal.service';
import { lockStudy } from './export/lock.service';
import { freezeDataset, reopenDataset } from './cases/dataset-freeze.service';
import { decideBurnedInReview } from './cases/burned-in-review.service';
import { answerQuery, raiseQuery } from './monitor/queries.service';
import { addUser } from './users/user.service';
import { loadStudy } from './studies/study-load.service';
import { readStudyFolder } from './studies/study-folder';
import { submitRead } from './reads/read.service';
import { operatorPrincipal } from './access/principal';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { signer } from '$fixtures/signer.fixture';

const LONG = 'x'.repeat(100_000);

describe('free text', () => {
	it('is refused over its bound, naming the field, with nothing stored or audited', async () => {
		const { db, dir, readers } = await enrolledStudy(['site-a']);
		const operator = operatorPrincipal();
		const sponsor = await addUser(db, operator, {
			email: 'sponsor@x.org',
			name: 'Sponsor',
			role: 'sponsor',
			study: 'mini-study',
			password: 'long enough password'
		});
		const coordinator = await addUser(db, operator, {
			email: 'coord@x.org',
			name: 'Coordinator',
			role: 'coordinator',
			study: 'mini-study',
			site: 'site-a',
			password: 'long enough password'
		});
		const admin = await signer(db);
		const asUser = (userId: number, email: string) =>
			({ kind: 'user', userId, email, name: email }) as const;
		const [assignment] = await readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 1 });
		const { readId } = await submitRead(db, readers[0]!, {
			assignment: assignment!,
			clientId: 'bounded-0001',
			decision: 1,
			confidence: 50
		});
		const queryId = await raiseQuery(db, asUser(sponsor.userId, 'sponsor@x.org'), 'mini-study', {
			targetType: 'read',
			targetId: readId,
			question: 'A fair question?'
		});
		const rows = () =>
			sqlRow(
				db,
				'SELECT (SELECT count(*) FROM audit_events) AS audit, (SELECT count(*) FROM users) AS users'
			);
		const before = await rows();

		await expect(
			withdrawReader(db, operator, { study: 'mini-study', email: readers[0]!.email, reason: LONG })
		).rejects.toThrow(/^reason: /);
		await expect(
			lockStudy(db, admin.principal, 'mini-study', LONG, admin.signature)
		).rejects.toThrow(/^reason: /);
		await expect(
			freezeDataset(db, admin.principal, 'mini-study', admin.signature, { reason: LONG })
		).rejects.toThrow(/^reason: /);
		await expect(reopenDataset(db, operator, 'mini-study', LONG)).rejects.toThrow(/^reason: /);
		await expect(
			decideBurnedInReview(db, operator, 'mini-study', 1, 'identifying', LONG)
		).rejects.toThrow(/^note: /);
		const folder = readStudyFolder(dir);
		if (!folder.ok) throw new Error('fixture invalid');
		await expect(
			loadStudy(db, operator, folder.folder, { amend: true, reason: LONG })
		).rejects.toThrow(/reason/);
		await expect(
			raiseQuery(db, asUser(sponsor.userId, 'sponsor@x.org'), 'mini-study', {
				targetType: 'read',
				targetId: readId,
				question: LONG
			})
		).rejects.toThrow(/^question: /);
		await expect(
			answerQuery(db, asUser(coordinator.userId, 'coord@x.org'), 'mini-study', queryId, LONG)
		).rejects.toThrow(/^answer: /);
		for (const [field, input] of [
			['name', { email: 'long.name@x.org', name: LONG }],
			['email', { email: `${'x'.repeat(300)}@x.org`, name: 'Long Address' }],
			[
				'qualifications.specialty',
				{ email: 'q@x.org', name: 'Q', qualifications: { specialty: LONG } }
			]
		] as const)
			await expect(
				addUser(db, operator, {
					...input,
					role: 'reader',
					study: 'mini-study',
					site: 'site-a',
					password: 'long enough password'
				})
			).rejects.toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
		expect(await rows()).toEqual(before);
	});
});
