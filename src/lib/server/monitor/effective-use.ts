// The per-case counts behind the effective use of the data (stats/trial/effective-use.ts): reads
// planned and made for each case (all arms together) and the AI's outcome on it with the study's
// model. Shared by the monitor (operational counts, no arm) and the report (section 6).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rawRows } from '../db/raw';
import { findModel } from '../ai/model-registry.service';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { CaseUse } from '../../stats/trial/effective-use';

/** One row per case of the study, in case order, named by its case key. */
export async function caseUseRows(db: Db, studyId: number, protocol: Protocol): Promise<CaseUse[]> {
	const model = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	const modelId = model?.id ?? -1;
	const rows = await rawRows<{
		caseKey: string;
		planned: number | string;
		made: number | string;
		aiStatus: string | null;
		aiError: string | null;
	}>(
		db,
		sql`SELECT c.case_key AS "caseKey",
		           (SELECT count(*) FROM assignments a JOIN reading_sessions s ON s.id = a.session_id
		             WHERE a.case_id = c.id AND s.study_id = c.study_id) AS planned,
		           (SELECT count(DISTINCT r.assignment_id) FROM reads r JOIN assignments a ON a.id = r.assignment_id
		             JOIN reading_sessions s ON s.id = a.session_id
		             WHERE a.case_id = c.id AND s.study_id = c.study_id) AS made,
		           (SELECT status FROM ai_results x WHERE x.case_id = c.id AND x.model_id = ${modelId}) AS "aiStatus",
		           (SELECT error FROM ai_results x WHERE x.case_id = c.id AND x.model_id = ${modelId}) AS "aiError"
		      FROM cases c WHERE c.study_id = ${studyId} ORDER BY c.ordinal`
	);
	return rows.map((row) => ({
		case: row.caseKey,
		plannedReads: Number(row.planned),
		reads: Math.min(Number(row.made), Number(row.planned)),
		ai:
			row.aiStatus === 'done'
				? { status: 'scored' as const }
				: row.aiStatus === 'failed'
					? { status: 'failed' as const, error: row.aiError ?? 'unknown error' }
					: null
	}));
}
