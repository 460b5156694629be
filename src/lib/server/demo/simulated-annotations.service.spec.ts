// The reference-standard demo as `demo setup` leaves it: the shipped folder (study.yaml, cases.csv,
// phantom-truth.csv) with its images generated (full size: the annotators' offsets are in its
// pixels), loaded, its accounts made, and the simulated
// annotators' work submitted through the real service.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '$fixtures/test-db.fixture';
import { generateDemoStudy } from '../../../../scripts/demo/generate-demo-study';
import { annotations, referenceTruth, truthLesions } from '../db/schema';
import { systemPrincipal } from '../access/principal';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { ensureDemoAccounts } from './demo-accounts.service';
import {
	parsePhantomTruth,
	simulateAnnotations,
	simulatedAnnotation,
	SIMULATED_CASES
} from './simulated-annotations.service';

const SHIPPED = new URL('../../../../studies/demo-reference-standard/', import.meta.url);

/** Generated once for the file (the tests only read it). */
let generated: Promise<string> | undefined;
const demoFolder = () => (generated ??= generateFolder());

async function generateFolder(): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'tandem-rs-demo-'));
	for (const file of ['study.yaml', 'cases.csv', 'phantom-truth.csv'])
		cpSync(new URL(file, SHIPPED), join(dir, file));
	await generateDemoStudy({
		outDir: dir,
		cases: 16,
		truthFile: 'phantom-truth.csv'
	});
	return dir;
}

describe('the reference-standard demo', () => {
	it('ships the generator’s own files: regenerating writes the same cases.csv and phantom truth', async () => {
		const dir = await demoFolder();
		for (const file of ['cases.csv', 'phantom-truth.csv'])
			expect(readFileSync(join(dir, file), 'utf8')).toBe(
				readFileSync(new URL(file, SHIPPED), 'utf8')
			);
	});

	it('starts with twelve cases annotated twice: ten agreed into truth, two for the adjudicator, four left open', async () => {
		const dir = await demoFolder();
		const folder = readStudyFolder(dir);
		if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
		const db = await testDatabase();
		await loadStudy(db, systemPrincipal('test'), folder.folder);
		await ensureDemoAccounts(db, 'demo-reference-standard', 'a-demo-password-1');
		const phantom = parsePhantomTruth(readFileSync(join(dir, 'phantom-truth.csv'), 'utf8'));
		const result = await simulateAnnotations(db, 'demo-reference-standard', phantom);
		expect(result).toEqual({
			tasks: 32,
			cases: SIMULATED_CASES,
			outcomes: { waiting: 0, consensus: 10, adjudication: 2 },
			leftOpen: 4
		});
		// The agreed truth is the phantom's: every agreed case's class, and a lesion per diseased one.
		const truths = await db.select().from(referenceTruth);
		expect(truths).toHaveLength(10);
		const agreedDiseased = phantom
			.slice(0, SIMULATED_CASES)
			.filter((row) => row.truth === 1 && row.caseKey !== 'C004' && row.caseKey !== 'C007');
		expect(truths.filter((row) => row.truth === 1)).toHaveLength(agreedDiseased.length);
		expect(await db.select().from(truthLesions)).toHaveLength(agreedDiseased.length);
		// Idempotent: a second setup submits nothing new.
		const before = (await db.select({ id: annotations.id }).from(annotations)).length;
		await simulateAnnotations(db, 'demo-reference-standard', phantom);
		expect(await db.select({ id: annotations.id }).from(annotations)).toHaveLength(before);
		expect((await db.select().from(referenceTruth).where(eq(referenceTruth.truth, 1))).length).toBe(
			agreedDiseased.length
		);
	});

	it('plants its two disagreements: a lesion the second annotator misses, and one put 90 pixels away', () => {
		const row = { caseKey: 'C007', truth: 1 as const, sizeMm: 14.1, slice: 1, x: 210, y: 213 };
		expect(simulatedAnnotation(row, 1).lesions[0]!.region).toEqual({
			kind: 'point',
			x: 210,
			y: 213,
			radiusMm: 7.1
		});
		expect(simulatedAnnotation(row, 2).lesions[0]!.region).toMatchObject({ x: 300, y: 212 });
		const missed = simulatedAnnotation({ ...row, caseKey: 'C004' }, 2);
		expect(missed).toMatchObject({ classification: 0, lesions: [] });
	});
});
