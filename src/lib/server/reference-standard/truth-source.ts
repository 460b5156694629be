// How the truth of a study was made, in one line for the performance-verification report's test
// set section: the protocol's truth source, and with a reference standard how many cases' truth
// came from the annotators' consensus, an adjudicator, or an import (which takes precedence).
import { eq } from 'drizzle-orm';
import { cases, qcSampleCases, referenceTruth } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { inLanguage, type ReportLanguage } from '../../verification-report/report-language';

interface Counts {
	stated: string;
	cases: number;
	consensus: number;
	annotators: number;
	adjudication: number;
	imported: { count: number; sources: string } | null;
	withoutTruth: number;
	sampled: number;
}

const TEXT = {
	en: {
		notStated: 'not stated',
		line: (c: Counts) => {
			const parts = [
				`${c.consensus} by consensus of ${c.annotators} blinded annotators`,
				`${c.adjudication} decided by an adjudicator`,
				...(c.imported ? [`${c.imported.count} imported (${c.imported.sources})`] : []),
				...(c.withoutTruth > 0 ? [`${c.withoutTruth} without truth`] : [])
			];
			return `${c.stated}; reference standard made in Tandem for ${c.cases} cases: ${parts.join(', ')}; QC sample ${c.sampled} case(s)`;
		}
	},
	zh: {
		notStated: '未说明',
		line: (c: Counts) => {
			const parts = [
				`${c.consensus} 例由 ${c.annotators} 名设盲标注者共识确定`,
				`${c.adjudication} 例由仲裁者裁定`,
				...(c.imported ? [`${c.imported.count} 例为导入（${c.imported.sources}）`] : []),
				...(c.withoutTruth > 0 ? [`${c.withoutTruth} 例无参考标准`] : [])
			];
			return `${c.stated}；参考标准在 Tandem 中为 ${c.cases} 个病例建立：${parts.join('，')}；质控抽样 ${c.sampled} 例`;
		}
	}
};

/** The line in `lang` (the report's language); the protocol's own words are kept as written. */
export async function truthSourceText(
	db: DbOrTx,
	studyId: number,
	protocol: Protocol,
	lang: ReportLanguage = 'en'
): Promise<string> {
	const t = inLanguage(lang, TEXT);
	const stated = protocol.truth.source ?? t.notStated;
	const settings = protocol.reference_standard;
	if (!settings) return stated;
	const rows = await db
		.select({ origin: referenceTruth.origin, source: referenceTruth.source })
		.from(cases)
		.leftJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId));
	const count = (origin: string) => rows.filter((row) => row.origin === origin).length;
	const importedSources = [
		...new Set(rows.filter((row) => row.origin === 'imported').map((row) => row.source!))
	];
	const sampled = (
		await db
			.select({ id: qcSampleCases.id })
			.from(qcSampleCases)
			.where(eq(qcSampleCases.studyId, studyId))
	).length;
	return t.line({
		stated,
		cases: rows.length,
		consensus: count('consensus'),
		annotators: settings.annotators,
		adjudication: count('adjudication'),
		imported:
			importedSources.length > 0
				? { count: count('imported'), sources: importedSources.join('; ') }
				: null,
		withoutTruth: rows.filter((row) => row.origin === null).length,
		sampled
	});
}
