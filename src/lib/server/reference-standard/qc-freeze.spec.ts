import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, referenceTruth, signatures, studies } from '../db/schema';
import { operatorPrincipal } from '../access/principal';
import { datasetFreezeOf, freezeDataset } from '../cases/dataset-freeze.service';
import { assignAnnotation } from './annotation-assignment.service';
import { submitAnnotation } from './annotation.service';
import {
	adjudicationQueue,
	adjudicationView,
	decideCase,
	recordQcCheck
} from './adjudication.service';
import { drawQcSample, overrideQc } from './qc.service';
import { annotatorQcAgreement } from './annotator-kappa';
import { referenceStandardStudy, SLUG } from '$fixtures/reference-standard-study.fixture';
import {
	annotateEveryCase,
	boxLesion,
	caseIdOf,
	diseased,
	healthy
} from '$fixtures/annotation-work.fixture';
import { signer } from '$fixtures/signer.fixture';

async function annotatedStudy() {
	const study = await referenceStandardStudy();
	await assignAnnotation(study.db, operatorPrincipal(), SLUG);
	await annotateEveryCase(study.db, study.annotators, submitAnnotation, new Set(['K2']));
	const admin = await signer(study.db, { study: SLUG });
	const freeze = () =>
		freezeDataset(study.db, admin.principal, SLUG, admin.signature, { acceptWarnings: true });
	const decideK2 = async () =>
		await decideCase(study.db, study.adjudicator, await caseIdOf(study.db, 'K2'), {
			decision: diseased([boxLesion('L1', 0, 0, 4, 3)]),
			reason: 'visible'
		});
	return { ...study, admin, freeze, decideK2 };
}

/** The QC cases the adjudicator re-checks (consensus cases of the sample). */
async function qcCases(study: Awaited<ReturnType<typeof annotatedStudy>>) {
	return (await adjudicationQueue(study.db, study.adjudicator)).studies[0]!.cases.filter(
		(entry) => entry.mode === 'qc'
	).map((entry) => entry.caseRef);
}

describe('QC sample and the freeze', () => {
	it('refuses the freeze while a case lacks truth, naming it', async () => {
		const study = await annotatedStudy();
		await expect(study.freeze()).rejects.toThrow(
			/reference standard is not finished:\n {2}1 case\(s\) have no truth yet \(K2\)/
		);
		await expect(drawQcSample(study.db, operatorPrincipal(), SLUG)).rejects.toThrow(
			/1 case\(s\) of "mini-study" have no truth yet \(K2\)/
		);
	});

	it('draws at least 10 % of the cases, one per site at least, once (idempotent)', async () => {
		const study = await annotatedStudy();
		await study.decideK2();
		const first = await drawQcSample(study.db, operatorPrincipal(), SLUG);
		expect(first.drawn).toBe(true);
		expect(first.cases.length).toBeGreaterThanOrEqual(Math.ceil(0.1 * 12));
		// Odd cases are at site-a, even ones at site-b (fixture).
		const sites = new Set(first.cases.map((key) => (Number(key.slice(1)) % 2 === 1 ? 'a' : 'b')));
		expect(sites).toEqual(new Set(['a', 'b']));
		const again = await drawQcSample(study.db, operatorPrincipal(), SLUG);
		expect(again).toEqual({ ...first, drawn: false });
	});

	it('refuses the freeze until the QC is drawn and every sampled case checked, then freezes', async () => {
		const study = await annotatedStudy();
		await study.decideK2();
		await expect(study.freeze()).rejects.toThrow(/The QC sample is not drawn/);
		await drawQcSample(study.db, operatorPrincipal(), SLUG);
		const open = await qcCases(study);
		expect(open.length).toBeGreaterThan(0);
		await expect(study.freeze()).rejects.toThrow(/QC case\(s\) wait for the adjudicator's check/);
		for (const caseRef of open) {
			expect(
				(await adjudicationView(study.db, study.adjudicator, caseRef)).consensus
			).not.toBeNull();
			await recordQcCheck(study.db, study.adjudicator, caseRef, { outcome: 'confirmed' });
		}
		expect(await study.freeze()).toMatchObject({ version: 1 });
		expect(await datasetFreezeOf(study.db, await studyIdOf(study))).toMatchObject({ version: 1 });
	});

	it('a correction replaces the truth (audited before/after) and flags the annotators', async () => {
		const study = await annotatedStudy();
		await study.decideK2();
		await drawQcSample(study.db, operatorPrincipal(), SLUG);
		const [first, ...rest] = await qcCases(study);
		const view = await adjudicationView(study.db, study.adjudicator, first!);
		const flipped =
			view.consensus!.classification === 1 ? healthy() : diseased([boxLesion('L1', 0, 0, 4, 3)]);
		await recordQcCheck(study.db, study.adjudicator, first!, {
			outcome: 'corrected',
			decision: flipped,
			note: 'misread'
		});
		const truth = (
			await study.db.select().from(referenceTruth).where(eq(referenceTruth.caseId, first!))
		)[0]!;
		expect(truth).toMatchObject({
			truth: flipped.classification,
			origin: 'adjudication',
			source: 'adjudication (QC correction)'
		});
		const row = (await study.db.select().from(auditEvents)).find(
			(event) => event.action === 'truth.qc-correction'
		)!;
		expect(JSON.parse(row.beforeJson!)).toMatchObject({ origin: 'consensus' });
		expect(JSON.parse(row.afterJson!)).toMatchObject({ applied: true });
		expect(row.reason).toBe('misread');
		for (const caseRef of rest)
			await recordQcCheck(study.db, study.adjudicator, caseRef, { outcome: 'confirmed' });
		const agreement = await annotatorQcAgreement(study.db, await studyIdOf(study), 0.8);
		expect(agreement.every((annotator) => annotator.flagged)).toBe(true);
		await expect(study.freeze()).rejects.toThrow(
			/Annotator annotator1 <annotator1@x.org> is flagged/
		);
		// The admin's signed override lets the freeze go ahead; the signature is recorded.
		await expect(
			overrideQc(study.db, study.admin.principal, SLUG, study.admin.signature, '')
		).rejects.toThrow(/needs a reason/);
		await overrideQc(
			study.db,
			study.admin.principal,
			SLUG,
			study.admin.signature,
			'annotator retrained; cases reviewed'
		);
		expect((await study.db.select().from(signatures)).map((s) => s.recordType)).toContain(
			'qc_override'
		);
		await expect(study.freeze()).resolves.toMatchObject({ version: 1 });
	});
});

async function studyIdOf(study: Awaited<ReturnType<typeof annotatedStudy>>): Promise<number> {
	return (await study.db.select().from(studies).where(eq(studies.slug, SLUG)))[0]!.id;
}
