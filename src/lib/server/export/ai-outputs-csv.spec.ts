// The AI files of a blind export, worked by hand from the lesion-level fixture's stored outputs.
import { describe, expect, it } from 'vitest';
import {
	HAND_LESIONS,
	HAND_OUTPUTS,
	lesionStandaloneStudy,
	storeAiOutputs
} from '$fixtures/lesion-standalone-study.fixture';
import { studies } from '../db/schema';
import { csv } from './blind-export.service';
import { aiExportFiles, AI_CANDIDATES_FILE, AI_OUTPUTS_FILE } from './ai-outputs-csv';
import { changedRows } from './row-seals';

describe('aiExportFiles', () => {
	it('writes each case coded, a failure by its rule, and every candidate of a lesion-level study', async () => {
		const db = await lesionStandaloneStudy({ lesionsCsv: HAND_LESIONS });
		await storeAiOutputs(db, HAND_OUTPUTS);
		const study = (await db.select().from(studies).limit(1))[0]!;
		// Codes in the reverse order of the ids, so code order is not id order.
		const codes = new Map(
			Array.from({ length: 12 }, (_, index) => [`K${index + 1}`, `CASE-${String(99 - index)}`])
		);
		const ai = await aiExportFiles(db, study, codes, csv);
		const outputs = ai.files[AI_OUTPUTS_FILE]!.trimEnd().split('\n');
		expect(outputs).toHaveLength(13);
		// K12 → CASE-88 comes first; K6 (CASE-94) failed: rule negative, call 0; its error coded.
		expect(outputs[1]).toBe('CASE-88,demo-model,1,abc,done,0,0.5,negative,0,1,,,,0');
		expect(outputs[7]).toBe(
			'CASE-94,demo-model,1,abc,failed,,0.5,negative,0,1,no output for CASE-94,,,0'
		);
		// K1 → CASE-99, last: score 0.9 ≥ 0.5, two candidates.
		expect(outputs[12]).toBe('CASE-99,demo-model,1,abc,done,0.9,0.5,negative,1,1,,,,2');
		expect(ai.files[AI_OUTPUTS_FILE]).not.toMatch(/\bK\d+\b/);
		// Every candidate, sub-threshold ones too, as left, top, width, height.
		expect(ai.files[AI_CANDIDATES_FILE]!.trimEnd().split('\n')).toEqual([
			'case,candidate,image,x,y,width,height,score',
			'CASE-90,1,1,50,40,10,10,0.35', // K10: centred on (55, 45), 10 px square
			'CASE-91,1,1,75,75,10,10,0.2', // K9
			'CASE-93,1,1,5,5,10,10,0.5', // K7
			'CASE-95,1,1,45,45,10,10,0.6', // K5
			'CASE-96,1,1,45,45,10,10,0.7', // K4
			'CASE-98,1,1,47,45,10,10,0.8', // K2
			'CASE-98,2,1,43,45,10,10,0.3',
			'CASE-99,1,1,17,15,10,10,0.9', // K1
			'CASE-99,2,1,65,85,10,10,0.4'
		]);
		// Each row sealed: an altered score is named by its line and code.
		const seals = ai.rowSeals[AI_OUTPUTS_FILE]!;
		expect(Object.keys(seals)).toHaveLength(12);
		const altered = ai.files[AI_OUTPUTS_FILE]!.replace(',done,0.9,', ',done,0.1,');
		expect(changedRows(altered, seals)).toEqual([
			'row 13 (case CASE-99) differs from the sealed row'
		]);
		expect(changedRows(outputs.slice(0, 12).join('\n'), seals)).toEqual([
			'the row of case CASE-99 is missing'
		]);
	});
});
