// Each case's acquisition strata (acquisition-bins.ts) from the headers of its imported images
// that are not withdrawn, by case key.
import { and, eq, isNull } from 'drizzle-orm';
import { cases, importedInstances } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { caseStrata, type AcquisitionStratum, type StoredHeader } from './acquisition-bins';

export async function acquisitionStrataByCase(
	db: DbOrTx,
	studyId: number
): Promise<Map<string, Partial<Record<AcquisitionStratum, string>>>> {
	const headers = new Map<string, StoredHeader[]>();
	for (const row of await db
		.select({ caseKey: cases.caseKey, headerJson: importedInstances.headerJson })
		.from(importedInstances)
		.innerJoin(cases, eq(importedInstances.caseId, cases.id))
		.where(and(eq(importedInstances.studyId, studyId), isNull(importedInstances.withdrawnAt)))) {
		const list = headers.get(row.caseKey) ?? [];
		list.push(JSON.parse(row.headerJson) as StoredHeader);
		headers.set(row.caseKey, list);
	}
	return new Map([...headers].map(([caseKey, list]) => [caseKey, caseStrata(list)]));
}
