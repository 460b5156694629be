// The reads of a study's latest blind export, as `tandem analyze --study` analyses them: the
// coded long table (the export's reads.csv) and the arms it compares, taken from the protocol —
// the arm with the AI is the test, the other the reference — once the study is unblinded. Blind,
// no arm has a role yet: the second code in natural order is the test, as the in-app analysis
// shows it. Access as the analysis's: statistician, evaluator, admin; the sponsor after unblinding.
import { desc, eq } from 'drizzle-orm';
import { blindExports } from '../db/schema';
import type { Db } from '../db/client';
import { refuseAccess, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { AccessDenied, Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { codedReads, codesOf, lockedReads, type CodeKey } from '../export/blind-export.service';
import { lockOf } from '../export/lock.service';
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

export function exportReadsFor(db: Db, principal: Principal, slug: string): ExportReads {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, [
		'statistician',
		'evaluator',
		'admin',
		'sponsor'
	]);
	const unblinded = study.unblindedAt !== null;
	if (access.role === 'sponsor' && !unblinded)
		throw refuseAccess(
			access,
			new AccessDenied('The analysis is shown to the sponsor once the study is unblinded.')
		);
	if (!lockOf(db, study.id))
		throw new Conflict(`${slug} is not locked: the analysis runs on the locked database.`);
	const latest = db
		.select()
		.from(blindExports)
		.where(eq(blindExports.studyId, study.id))
		.orderBy(desc(blindExports.id))
		.limit(1)
		.get();
	if (!latest)
		throw new Conflict(
			`${slug} has no blind export yet: the analysis runs on the blind export's coded data.`
		);
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
		readsCsv: longCsvText(codedReads(lockedReads(db, study.id), codes, protocol)),
		...(unblinded
			? { test: aided.code, reference: unaided.code }
			: { test: second, reference: first }),
		labels: unblinded ? { [aided.code]: aided.label, [unaided.code]: unaided.label } : null
	};
}
