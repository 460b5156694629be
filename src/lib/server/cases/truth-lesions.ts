// The truth lesions store: written with the study folder (study-load.service.ts), part of the
// dataset fingerprint, read by analysis services only (the blind export, the trial analysis) —
// like the reference truth, never imported by a reader-facing service.
import { asc, eq } from 'drizzle-orm';
import { cases, truthLesions } from '../db/schema';
import type { DbOrTx, Tx } from '../db/client';
import type { LesionRegionRecord, TruthLesionRecord } from '../../design/protocol/lesion-table';

export interface CaseTruthLesion {
	/** The lesion id of the protocol's file. */
	id: string;
	weight: number;
	attributes: Record<string, string>;
	/** One entry per region (image, geometry), each a match-marks TruthLesion with the lesion's id. */
	regions: LesionRegionRecord[];
}

/** What identifies a case's lesions: the canonical text compared on reload and fingerprinted. */
function lesionValues(records: readonly TruthLesionRecord[]) {
	return records.map((record, index) => ({
		lesionKey: record.id,
		ordinal: index + 1,
		weight: record.weight,
		weightGiven: record.weightGiven,
		attributesJson: JSON.stringify(record.attributes),
		regionsJson: JSON.stringify(record.regions)
	}));
}

async function storedValues(db: DbOrTx, caseId: number) {
	return await db
		.select({
			lesionKey: truthLesions.lesionKey,
			ordinal: truthLesions.ordinal,
			weight: truthLesions.weight,
			weightGiven: truthLesions.weightGiven,
			attributesJson: truthLesions.attributesJson,
			regionsJson: truthLesions.regionsJson
		})
		.from(truthLesions)
		.where(eq(truthLesions.caseId, caseId))
		.orderBy(asc(truthLesions.ordinal));
}

/** Whether the stored lesions of a case are those of `records`. */
export async function sameCaseLesions(
	db: DbOrTx,
	caseId: number,
	records: readonly TruthLesionRecord[]
): Promise<boolean> {
	return JSON.stringify(await storedValues(db, caseId)) === JSON.stringify(lesionValues(records));
}

/** Replaces a case's lesions by `records`, writing nothing when they are unchanged. */
export async function syncCaseLesions(
	tx: Tx,
	caseId: number,
	records: readonly TruthLesionRecord[]
): Promise<void> {
	if (await sameCaseLesions(tx, caseId, records)) return;
	await tx.delete(truthLesions).where(eq(truthLesions.caseId, caseId));
	for (const values of lesionValues(records))
		await tx.insert(truthLesions).values({ caseId, ...values });
}

export async function deleteCaseLesions(tx: Tx, caseId: number): Promise<void> {
	await tx.delete(truthLesions).where(eq(truthLesions.caseId, caseId));
}

/** A case's lesions as the dataset fingerprint feeds them (empty when it has none). */
export async function fingerprintedLesions(db: DbOrTx, caseId: number) {
	return (await storedValues(db, caseId)).map((row) => ({
		lesion: row.lesionKey,
		weight: row.weight,
		weightGiven: row.weightGiven,
		attributes: JSON.parse(row.attributesJson) as unknown,
		regions: JSON.parse(row.regionsJson) as unknown
	}));
}

/**
 * The truth lesions of a study, by case key (the protocol's case_id), each case's in file order;
 * a case without lesions (non-diseased, or a study without a lesions file) is absent.
 */
export async function truthLesionsByCase(
	db: DbOrTx,
	studyId: number
): Promise<Map<string, CaseTruthLesion[]>> {
	const rows = await db
		.select({
			caseKey: cases.caseKey,
			id: truthLesions.lesionKey,
			weight: truthLesions.weight,
			attributesJson: truthLesions.attributesJson,
			regionsJson: truthLesions.regionsJson
		})
		.from(truthLesions)
		.innerJoin(cases, eq(truthLesions.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.ordinal), asc(truthLesions.ordinal));
	const byCase = new Map<string, CaseTruthLesion[]>();
	for (const row of rows) {
		const lesions = byCase.get(row.caseKey) ?? [];
		lesions.push({
			id: row.id,
			weight: row.weight,
			attributes: JSON.parse(row.attributesJson) as Record<string, string>,
			regions: JSON.parse(row.regionsJson) as LesionRegionRecord[]
		});
		byCase.set(row.caseKey, lesions);
	}
	return byCase;
}
