// The reads of a study's latest blind export, as `tandem analyze --study` analyses them: the
// coded long table (the export's reads.csv) and the arms it compares, taken from the protocol —
// the arm with the AI is the test, the other the reference — once the study is unblinded. Blind,
// no arm has a role yet: the second code in natural order is the test, as the in-app analysis
// shows it. Access as the analysis's: statistician, evaluator, admin; the sponsor after unblinding.
import type { Db } from '../db/client';
import { requireStudyBySlug } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { codedReads, codesOf, lockedReads, type CodeKey } from '../export/blind-export.service';
import { analysedExport, requireAnalysisViewer } from './analysed-export';
import { longCsvText } from '../../stats/input/long-csv-writer';
import { compareNatural } from '../../stats/natural-order';

export interface ExportReads {
	exportId: number;
	unblinded: boolean;
	/** The export's reads.csv. */
	readsCsv: string;
	/** Arm codes as in the reads. */
	test: string;
	reference: string;
	/** The protocol's labels of the two codes, after unblinding only. */
	labels: Record<string, string> | null;
}

export async function exportReadsFor(
	db: Db,
	principal: Principal,
	slug: string
): Promise<ExportReads> {
	const study = await requireStudyBySlug(db, slug);
	await requireAnalysisViewer(db, principal, study);
	const { latest } = await analysedExport(db, study);
	const unblinded = study.unblindedAt !== null;
	const protocol = protocolOf(study);
	const codes = codesOf(JSON.parse(latest.codeKeyJson) as CodeKey);
	const armCode = (ai: boolean) => {
		const arm = protocol.arms.find((row) => row.ai === ai);
		if (!arm) throw new Conflict(`the protocol of ${slug} has no arm with ai: ${ai}`);
		return { code: codes.arms.get(arm.id) as string, label: arm.label };
	};
	const [aided, unaided] = [armCode(true), armCode(false)];
	const [first, second] = [aided.code, unaided.code].sort(compareNatural) as [string, string];
	return {
		exportId: latest.id,
		unblinded,
		readsCsv: longCsvText(codedReads(await lockedReads(db, study.id), codes, protocol)),
		...(unblinded
			? { test: aided.code, reference: unaided.code }
			: { test: second, reference: first }),
		labels: unblinded ? { [aided.code]: aided.label, [unaided.code]: unaided.label } : null
	};
}
