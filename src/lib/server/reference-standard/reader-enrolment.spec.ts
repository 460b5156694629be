// Readers are scheduled over the cases with truth: in a study whose truth is made in Tandem, a
// reader enrolled before every case has its truth would be given a schedule missing the others.
import { describe, expect, it } from 'vitest';
import { operatorPrincipal } from '../access/principal';
import { readerEnrolments } from '../db/schema';
import { assignAnnotation } from './annotation-assignment.service';
import { submitAnnotation } from './annotation.service';
import {
	addMember,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import { annotateEveryCase, boxLesion, diseased, tasksOf } from '$fixtures/annotation-work.fixture';

describe('enrolling a reader in a study whose truth is made in Tandem', () => {
	it('is refused while a case has no truth, naming how many', async () => {
		const { db, annotators } = await referenceStandardStudy();
		await assignAnnotation(db, operatorPrincipal(), SLUG);
		for (const who of annotators)
			await submitAnnotation(
				db,
				who,
				(await tasksOf(db, who)).get('K1')!,
				diseased([boxLesion('L1', 0, 0, 4, 3)])
			);
		await expect(addMember(db, 'reader', 'early@x.org')).rejects.toThrow(
			/11 case\(s\) of "mini-study" have no truth yet .* enrol readers once the reference standard is complete/
		);
		expect(await db.select().from(readerEnrolments)).toEqual([]);
	});

	it('goes ahead once every case has its truth', async () => {
		const { db, annotators } = await referenceStandardStudy();
		await assignAnnotation(db, operatorPrincipal(), SLUG);
		await annotateEveryCase(db, annotators, submitAnnotation);
		await addMember(db, 'reader', 'reader@x.org');
		expect(await db.select().from(readerEnrolments)).toHaveLength(1);
	});
});
