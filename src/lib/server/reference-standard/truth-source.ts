// How the truth of a study was made, in one line for the performance-verification report's test
// set section: the protocol's truth source, and with a reference standard how many cases' truth
// came from the annotators' consensus, an adjudicator, or an import (which takes precedence).
import { eq } from 'drizzle-orm';
import { cases, qcSampleCases, referenceTruth } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';

export function truthSourceText(db: DbOrTx, studyId: number, protocol: Protocol): string {
	const stated = protocol.truth.source ?? 'not stated';
	const settings = protocol.reference_standard;
	if (!settings) return stated;
	const rows = db
		.select({ origin: referenceTruth.origin, source: referenceTruth.source })
		.from(cases)
		.leftJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.all();
	const count = (origin: string) => rows.filter((row) => row.origin === origin).length;
	const importedSources = [
		...new Set(rows.filter((row) => row.origin === 'imported').map((row) => row.source!))
	];
	const sampled = db
		.select({ id: qcSampleCases.id })
		.from(qcSampleCases)
		.where(eq(qcSampleCases.studyId, studyId))
		.all().length;
	const parts = [
		`${count('consensus')} by consensus of ${settings.annotators} blinded annotators`,
		`${count('adjudication')} decided by an adjudicator`,
		...(importedSources.length > 0
			? [`${count('imported')} imported (${importedSources.join('; ')})`]
			: []),
		...(rows.some((row) => row.origin === null)
			? [`${rows.filter((row) => row.origin === null).length} without truth`]
			: [])
	];
	return `${stated}; reference standard made in Tandem for ${rows.length} cases: ${parts.join(', ')}; QC sample ${sampled} case(s)`;
}
