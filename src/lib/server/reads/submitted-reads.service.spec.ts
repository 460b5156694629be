// What the reader and the coordinator see of submitted reads to correct them: a reader their own,
// a coordinator their site's readers', in the current version — and never a case, an arm, the
// truth or the AI's output.
import { describe, expect, it } from 'vitest';
import { readerSubmittedReads, siteSubmittedReads } from './submitted-reads.service';
import { correctionForm, correctRead } from './correction.service';
import { submitRead } from './read.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { AccessDenied, Conflict, NotFound } from '../errors';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import type { Db } from '../db/client';
import { mapInOrder } from '../db/in-order';

async function coordinator(db: Db, email: string, site: string): Promise<UserPrincipal> {
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: email,
		role: 'coordinator',
		study: 'mini-study',
		site,
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: email };
}

/** Nothing that names a case, an arm, the truth or the AI. */
const BLIND = /K\d+|aided|truth|score|heatmap|boxes|"ai"|withAi/i;

describe('the reads a person may correct', () => {
	it('are a reader’s own and a coordinator’s site’s, current versions only, with nothing of the case', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [reader, other] = readers as [UserPrincipal, UserPrincipal];
		const coordA = await coordinator(db, 'coord.a@x.org', 'site-a');
		const coordB = await coordinator(db, 'coord.b@x.org', 'site-b');
		const mine = await readerAssignments(db, reader.email, { period: 1, limit: 2 });
		const [first, second] = await mapInOrder(
			mine,
			async (assignment, index) =>
				await submitRead(db, reader, {
					assignment: assignment.id,
					clientId: `mine-${index}-read`,
					decision: 1,
					confidence: 40 + index
				})
		);
		const [theirs] = await readerAssignments(db, other.email, { period: 1, limit: 1 });
		await submitRead(db, other, {
			assignment: theirs!.id,
			clientId: 'theirs-read',
			decision: 0,
			confidence: 10
		});
		const fixed = await correctRead(db, reader, {
			read: first!.readId,
			decision: 0,
			confidence: 12,
			reason: 'typo'
		});

		const [own] = await readerSubmittedReads(db, reader);
		expect(own).toMatchObject({ study: { slug: 'mini-study' }, closed: false });
		expect(own!.reads).toEqual([
			expect.objectContaining({
				read: fixed.readId,
				reader: 'R01',
				period: 1,
				session: 1,
				position: 1,
				decision: 0,
				confidence: 12,
				version: 2
			}),
			expect.objectContaining({ read: second!.readId, position: 2, confidence: 41, version: 1 })
		]);
		expect(JSON.stringify(own)).not.toMatch(BLIND);
		expect((await readerSubmittedReads(db, other))[0]!.reads.map((row) => row.reader)).toEqual([
			'R02'
		]);

		const site = await siteSubmittedReads(db, coordA, 'mini-study');
		expect(site.reads.map((row) => [row.reader, row.read])).toEqual([
			['R01', fixed.readId],
			['R01', second!.readId]
		]);
		expect(JSON.stringify(site)).not.toMatch(BLIND);
		expect(
			(await siteSubmittedReads(db, coordB, 'mini-study')).reads.map((row) => row.reader)
		).toEqual(['R02']);
		await expect(siteSubmittedReads(db, reader, 'mini-study')).rejects.toThrow(AccessDenied);
	});

	it('open in a form with the current values only, for the reader or their coordinator; no AI even for a read with it', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [reader, other] = readers as [UserPrincipal, UserPrincipal];
		const coordA = await coordinator(db, 'coord.a@x.org', 'site-a');
		const [aided] = await readerAssignments(db, reader.email, {
			period: 1,
			arm: 'aided',
			limit: 1
		});
		const { readId } = await submitRead(db, reader, {
			assignment: aided!.id,
			clientId: 'aided-read',
			decision: 1,
			confidence: 70,
			comment: 'left upper lobe'
		});
		const form = await correctionForm(db, reader, readId);
		expect(form).toMatchObject({
			row: { read: readId, decision: 1, confidence: 70, version: 1 },
			study: { slug: 'mini-study' },
			rating: { decision: 'binary', confidence: 'percent' },
			marks: [],
			comment: 'left upper lobe'
		});
		expect(JSON.stringify(form)).not.toMatch(BLIND);
		expect((await correctionForm(db, coordA, readId)).row.read).toBe(readId);
		await expect(correctionForm(db, other, readId)).rejects.toThrow(NotFound);

		const fixed = await correctRead(db, reader, {
			read: readId,
			decision: 0,
			confidence: 5,
			reason: 'x'
		});
		await expect(correctionForm(db, reader, readId)).rejects.toThrow(Conflict);
		expect((await correctionForm(db, reader, fixed.readId)).row).toMatchObject({
			version: 2,
			confidence: 5
		});
	});
});
