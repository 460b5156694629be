// Truth from another source (pathology, follow-up) in a study whose truth is made in Tandem is
// imported per case: a file naming only the cases it knows, each taking precedence over the
// annotators' consensus with its source recorded. A study without a reference standard still needs
// every case in one file.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { referenceTruth } from '../db/schema';
import { operatorPrincipal } from '../access/principal';
import { importTruth } from '../cases/truth-import.service';
import { referenceStandardStudy, SLUG } from '$fixtures/reference-standard-study.fixture';
import { caseIdOf } from '$fixtures/annotation-work.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';

const pathology = (text: string) => ({ file: 'pathology.csv', text, source: 'pathology' });

describe('importing truth for some cases of a reference-standard study', () => {
	it('takes a file naming two cases, of one class, and records its source on those two only', async () => {
		const { db } = await referenceStandardStudy();
		const result = await importTruth(
			db,
			operatorPrincipal(),
			SLUG,
			pathology('case_id,truth\nK3,1\nK7,1\n')
		);
		expect(result).toMatchObject({ cases: 2, positives: 2 });
		const stored = await db.select().from(referenceTruth);
		expect(stored.map((row) => [row.caseId, row.origin, row.source])).toEqual([
			[await caseIdOf(db, 'K3'), 'imported', 'pathology'],
			[await caseIdOf(db, 'K7'), 'imported', 'pathology']
		]);
	});

	it('still names an unknown case and a bad value by line and field', async () => {
		const { db } = await referenceStandardStudy();
		await expect(
			importTruth(db, operatorPrincipal(), SLUG, pathology('case_id,truth\nK3,2\nK99,1\n'))
		).rejects.toThrow(
			/pathology\.csv:2: truth: "2" is not 0[\s\S]*pathology\.csv:3: case_id: case "K99"/
		);
		expect(
			await db
				.select()
				.from(referenceTruth)
				.where(eq(referenceTruth.caseId, await caseIdOf(db, 'K3')))
		).toEqual([]);
	});

	it('in a study without a reference standard, still wants every case', async () => {
		const db = await testDatabase();
		const folder = readStudyFolder(makeStudyFolder(twelveCaseOptions(FIXTURE_YAML)));
		if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
		await loadStudy(db, operatorPrincipal(), folder.folder);
		await expect(
			importTruth(db, operatorPrincipal(), SLUG, pathology('case_id,truth\nK3,1\nK7,0\n'))
		).rejects.toThrow(/no truth for case\(s\) K1, K10/);
	});
});
