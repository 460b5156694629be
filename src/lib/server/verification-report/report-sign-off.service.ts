// Signing off the performance-verification report (21 CFR 11.50): a person who may read the
// report re-enters their password and chooses the meaning ("authored", "reviewed", "approved"…);
// the signature is linked to the report's content hash (report-content.ts), so the annex of any
// later rendering with the same content shows the sign-off as "this report".
import type { Db } from '../db/client';
import type { Principal } from '../access/principal';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import { Conflict } from '../errors';
import { signRecord, verifySigner, type SignatureOptions } from '../signatures/signature.service';
import type { SignatureInput, SignatureView } from '../../domain/signature';
import { buildReport } from './report.service';
import { reportContentSha256 } from './report-content';
import { unclassifiedCases } from '../../verification-report/sections/anomaly-classification';
import { withTransaction } from '../db/transaction';

export interface SignOffOptions extends SignatureOptions {
	/** The content hash the signer read (the report's annex D); refused if the report differs now. */
	expectedSha256?: string;
}

/** Signs off the report as it is now (blinded or not) for someone allowed to read it. */
export async function signOffReport(
	db: Db,
	principal: Principal,
	slug: string,
	signature: SignatureInput,
	options: SignOffOptions = {}
): Promise<SignatureView> {
	const { input } = await buildReport(db, principal, slug);
	const study = await requireStudyBySlug(db, slug);
	const attempt = { action: 'report.sign_off', targetType: 'study', targetId: study.id };
	const access = await requireStudyRole(
		db,
		principal,
		study.id,
		['statistician', 'evaluator', 'admin', 'sponsor'],
		attempt
	);
	// Seed 001: every crash, timeout and unprocessable case is classified, with its root cause, first.
	const unclassified = unclassifiedCases(input);
	if (unclassified.length > 0)
		throw new Conflict(
			`${unclassified.length === 1 ? '1 anomaly is' : `${unclassified.length} anomalies are`} not yet classified (a software defect or an external cause, with a root-cause note): ${unclassified.join(', ')}. Classify each (tandem report anomaly, or the analysis page), then sign.`
		);
	const contentSha256 = reportContentSha256(input);
	if (options.expectedSha256 !== undefined && options.expectedSha256 !== contentSha256)
		throw new Conflict(
			`The report's content SHA-256 is ${contentSha256}, not ${options.expectedSha256}: it has changed since (e.g. unblinding). Read it again, then sign.`
		);
	const signer = await verifySigner(db, principal, signature, { access, ...attempt }, options);
	const now = options.now?.() ?? new Date();
	return await withTransaction(
		db,
		async (tx) =>
			await signRecord(
				tx,
				signer,
				{
					recordType: 'verification_report',
					recordId: input.fingerprints.exportId,
					recordHash: contentSha256
				},
				now,
				'report.signed_off'
			)
	);
}
