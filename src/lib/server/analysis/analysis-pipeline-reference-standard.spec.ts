// The analysis page links to the reference-standard report only where the truth is made in
// Tandem, and only for the analysts (the report's own roles).
import { describe, expect, it } from 'vitest';
import {
	addMember,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { addUser } from '../users/user.service';
import { operatorPrincipal } from '../access/principal';
import { analysisPipeline } from './analysis-pipeline.service';

describe('analysisPipeline: the reference-standard report', () => {
	it('is offered to an analyst of a study that declares reference_standard', async () => {
		const { db } = await referenceStandardStudy();
		const statistician = await addMember(db, 'statistician', 'stat@x.org');
		expect((await analysisPipeline(db, statistician, SLUG)).referenceStandardReport).toBe(true);
	});

	it('is not offered where the truth is imported', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const { userId } = await addUser(db, operatorPrincipal(), {
			email: 'stat@x.org',
			name: 'stat',
			role: 'statistician',
			study: SLUG,
			password: 'long enough password'
		});
		const statistician = { kind: 'user' as const, userId, email: 'stat@x.org', name: 'stat' };
		expect((await analysisPipeline(db, statistician, SLUG)).referenceStandardReport).toBe(false);
	});
});
