import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addUser } from '../users/user.service';
import { operatorPrincipal } from '../access/principal';
import { memberQualifications, referenceTruth } from '../db/schema';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import {
	addMember,
	referenceStandardStudy,
	PASSWORD,
	SLUG
} from '$fixtures/reference-standard-study.fixture';

describe('annotators and adjudicators', () => {
	it('loads a study with a reference standard and no truth.csv: no case has truth yet', async () => {
		const { db } = await referenceStandardStudy();
		expect(await db.select().from(referenceTruth)).toEqual([]);
	});

	it('records the qualification, licence included', async () => {
		const { db } = await referenceStandardStudy();
		const result = await addUser(db, operatorPrincipal(), {
			email: 'third@x.org',
			name: 'Third',
			role: 'annotator',
			study: SLUG,
			password: PASSWORD,
			qualifications: {
				yearsExperience: 4,
				specialty: 'thoracic radiology',
				licence: 'GMC 1234567',
				trainingCompletedAt: '2026-11-30'
			}
		});
		const row = (
			await db
				.select()
				.from(memberQualifications)
				.where(eq(memberQualifications.membershipId, result.membershipId))
		)[0];
		expect(row).toMatchObject({
			yearsExperience: 4,
			specialty: 'thoracic radiology',
			licence: 'GMC 1234567',
			trainingCompletedAt: '2026-11-30'
		});
	});

	it("refuses an annotator below the protocol's minimum years, naming the minimum", async () => {
		const { db } = await referenceStandardStudy();
		await expect(addMember(db, 'annotator', 'junior@x.org', 2)).rejects.toThrow(
			/2 years of experience is below the 3 years .*reference_standard\.min_years/
		);
	});

	it('refuses an adjudicator below adjudicator_min_years', async () => {
		const { db } = await referenceStandardStudy();
		await expect(addMember(db, 'adjudicator', 'mid@x.org', 9)).rejects.toThrow(
			/below the 10 years .*adjudicator_min_years/
		);
		await expect(addMember(db, 'adjudicator', 'senior@x.org', 10)).resolves.toBeDefined();
	});

	it('refuses an annotator without years of experience', async () => {
		const { db } = await referenceStandardStudy();
		await expect(addMember(db, 'annotator', 'nobody@x.org')).rejects.toThrow(
			/qualifications\.yearsExperience: an annotator needs their years of experience/
		);
	});

	it('refuses an annotator in a study without reference_standard', async () => {
		const { db } = await enrolledStudy([]);
		await expect(addMember(db, 'annotator', 'a@x.org', 5)).rejects.toThrow(
			/declares no reference_standard/
		);
	});

	it('keeps readers and truth makers apart, both ways, and annotator from adjudicator', async () => {
		// Readers are scheduled over cases with truth: here the truth is imported.
		const { db } = await referenceStandardStudy({ importedTruth: true });
		await expect(addMember(db, 'reader', 'annotator1@x.org')).rejects.toThrow(
			/cannot be a reader in mini-study: they are its annotator/
		);
		await expect(addMember(db, 'reader', 'adjudicator@x.org')).rejects.toThrow(
			/cannot be a reader in mini-study: they are its adjudicator/
		);
		await addMember(db, 'reader', 'reader@x.org');
		await expect(addMember(db, 'annotator', 'reader@x.org', 5)).rejects.toThrow(
			/cannot be an annotator in mini-study: they are one of its readers/
		);
		await expect(addMember(db, 'adjudicator', 'reader@x.org', 20)).rejects.toThrow(
			/cannot be an adjudicator in mini-study: they are one of its readers/
		);
		await expect(addMember(db, 'adjudicator', 'annotator1@x.org', 20)).rejects.toThrow(
			/cannot be an adjudicator in mini-study: they are its annotator/
		);
		await expect(addMember(db, 'annotator', 'adjudicator@x.org', 20)).rejects.toThrow(
			/cannot be an annotator in mini-study: they are its adjudicator/
		);
	});
});
