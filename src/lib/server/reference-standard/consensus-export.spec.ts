// The consensus lesions are the study's truth lesions: in the dataset fingerprint and, coded, in
// the blind export's lesions.csv and lesion-regions.csv, as lesions from a lesions file would be.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorPrincipal } from '../access/principal';
import { datasetFingerprint, freezeDataset } from '../cases/dataset-freeze.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { studies } from '../db/schema';
import { assignAnnotation } from './annotation-assignment.service';
import { submitAnnotation } from './annotation.service';
import { recordQcCheck, adjudicationQueue } from './adjudication.service';
import { drawQcSample } from './qc.service';
import {
	addMember,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import { annotateEveryCase } from '$fixtures/annotation-work.fixture';
import { signer } from '$fixtures/signer.fixture';

describe('consensus lesions downstream', () => {
	it('feed the fingerprint and the blind export like imported truth lesions', async () => {
		const { db, annotators, adjudicator } = await referenceStandardStudy();
		const studyId = (await db.select().from(studies).limit(1))[0]!.id;
		const before = (await datasetFingerprint(db, studyId)).fingerprint;
		await assignAnnotation(db, operatorPrincipal(), SLUG);
		await annotateEveryCase(db, annotators, submitAnnotation);
		expect((await datasetFingerprint(db, studyId)).fingerprint).not.toBe(before);
		await drawQcSample(db, operatorPrincipal(), SLUG);
		for (const entry of (await adjudicationQueue(db, adjudicator)).studies[0]!.cases)
			await recordQcCheck(db, adjudicator, entry.caseRef, { outcome: 'confirmed' });
		const admin = await signer(db, { study: SLUG });
		await freezeDataset(db, admin.principal, SLUG, admin.signature, { acceptWarnings: true });
		await addMember(db, 'reader', 'reader@x.org');
		await simulateReads(db, operatorPrincipal(), SLUG, {
			seed: 5,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const locker = await signer(db, { study: SLUG, email: 'locker@x.org' });
		await lockStudy(db, locker.principal, SLUG, 'all reads in', locker.signature);
		const statistician = await addMember(db, 'statistician', 'stats@x.org');
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-consensus-export-')), 'export');
		await exportBlind(db, statistician, SLUG, out);
		const lesions = readFileSync(join(out, 'lesions.csv'), 'utf8').trim().split('\n');
		// Six diseased cases (odd keys), one consensus lesion each; six non-diseased (lesion 0).
		const rows = lesions.slice(1).map((line) => line.split(','));
		expect(rows.filter((row) => row[1] !== '0')).toHaveLength(6);
		expect(rows.filter((row) => row[1] === '0')).toHaveLength(6);
		const regions = readFileSync(join(out, 'lesion-regions.csv'), 'utf8');
		expect(regions).not.toMatch(/K\d/);
		expect(regions.trim().split('\n')).toHaveLength(7);
	});
});
