// The performance-verification report (REP) of a locked, exported study: gathers the analysis,
// the test-set description, the environment, the anomalies and the fingerprints, renders the
// HTML, prints it to PDF with Chromium, and records the generation in the audit trail (the chain's
// head is signed before, for the annex, and after). Access is the analysis's: statistician,
// evaluator, admin; the sponsor after unblinding.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import { assignments, blindExports, readingSessions, reads } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit, verifyAuditChain } from '../audit/audit.service';
import {
	chainHead,
	checkpointAfter,
	lastCheckpoint,
	signedChainHead,
	type SignedChainHead
} from '../audit/checkpoint.service';
import { verifyCheckpoints } from '../audit/checkpoint-verify';
import { Conflict } from '../errors';
import { tandemVersion } from '../tool-version';
import { requireStudyBySlug } from '../access/access';
import type { Principal } from '../access/principal';
import { sha256Hex } from '../crypto/hash';
import { protocolOf } from '../studies/study-protocol';
import { strataDistribution } from '../studies/strata-distribution';
import { withAcquisitionStrata } from '../studies/case-strata';
import { acquisitionStrataByCase } from '../cases/acquisition-strata';
import { latestIndependenceCheck } from '../cases/independence-check.service';
import { stratumBalance } from '../../stats/balance/stratum-balance';
import { reportIndependence } from './report-independence';
import { codesOf, csv, lockedCases, type CodeKey } from '../export/blind-export.service';
import { aiExportFiles } from '../export/ai-outputs-csv';
import { enrolledReaders } from '../schedule/schedule-input';
import { signingKey } from '../export/signing-key';
import { trialAnalysisFor, type TrialAnalysisView } from '../analysis/trial-analysis.service';
import { reportTitle, verificationReportHtml } from '../../verification-report/verification-report';
import type { ReportLanguage } from '../../verification-report/report-language';
import { withEmbeddedFonts } from './report-fonts';
import type { ReportInput } from '../../verification-report/report-input';
import { htmlToPdf, PdfUnavailable } from './pdf';
import { datasetFreezeOf } from '../cases/dataset-freeze.service';
import { reportSignOff } from './report-content';
import { reportEnvironment } from './report-environment';
import { reportAnomalies } from './report-anomalies';
import { reportVerification } from './report-verification';
import { caseUseRows } from '../monitor/effective-use';
import { reportMeasurements } from './report-measurements';
import { effectiveUse } from '../../stats/trial/effective-use';
import { reportAnomalyClassifications, studyAnomalies } from './anomaly-classification.service';
import { truthSourceText } from '../reference-standard/truth-source';
import { withTransaction } from '../db/transaction';

/** The report's data and HTML for a principal allowed to see the analysis. */
export async function buildReport(
	db: Db,
	principal: Principal,
	slug: string,
	now = new Date(),
	lang: ReportLanguage = 'en'
): Promise<{ input: ReportInput; html: string; view: TrialAnalysisView }> {
	const view = await trialAnalysisFor(db, principal, slug);
	const study = await requireStudyBySlug(db, slug);
	const protocol = protocolOf(study);
	const exportRow = (
		await db.select().from(blindExports).where(eq(blindExports.id, view.export.id))
	)[0]!;
	const codes = codesOf(JSON.parse(exportRow.codeKeyJson) as CodeKey);
	const label = (code: string | undefined, real: string) =>
		view.unblinded ? real : (code ?? real);
	const caseRows = await lockedCases(db, study.id);
	const freeze = await datasetFreezeOf(db, study.id);
	const [simulatedReads] = await db
		.select({ n: count() })
		.from(reads)
		.innerJoin(assignments, eq(assignments.id, reads.assignmentId))
		.innerJoin(readingSessions, eq(readingSessions.id, assignments.sessionId))
		.where(
			and(
				eq(readingSessions.studyId, study.id),
				eq(reads.isSimulated, true),
				isNull(reads.supersedesReadId)
			)
		);
	const chain = await verifyAuditChain(db);
	const { publicKeyPem } = signingKey();
	const signed = await reportCheckpoint(db, now);
	const checkpointsHold = (await verifyCheckpoints(db, { publicKeyPem })).problems.length === 0;
	const readers = (await enrolledReaders(db, study.id)).map((row) => ({
		reader: label(codes.readers.get(row.id), row.id),
		site: row.site,
		yearsExperience: row.yearsExperience,
		specialty: row.specialty,
		withdrawn: row.withdrawnAt !== null
	}));
	readers.sort((a, b) => a.reader.localeCompare(b.reader));
	const input: ReportInput = {
		lang,
		generatedAt: now.toISOString(),
		generator: `Tandem ${tandemVersion()}`,
		study: {
			slug: study.slug,
			title: study.title,
			protocolVersion: study.protocolVersion,
			description: protocol.description ?? '',
			designType: protocol.design.type,
			washoutDays: protocol.design.washout_days ?? null,
			arms: protocol.arms.map((arm) => ({ id: arm.id, label: arm.label, ai: arm.ai })),
			sites: protocol.sites.map((site) => ({ code: site.code, name: site.name })),
			truthSource: await truthSourceText(db, study.id, protocol, lang),
			demo: protocol.demo === true
		},
		blinded: !view.unblinded,
		unblindedAt: view.unblindedAt?.toISOString() ?? null,
		fingerprints: {
			protocolSha256: study.protocolSha256,
			lock: view.study.lockFingerprint,
			lockedAt: view.study.lockedAt.toISOString(),
			exportId: view.export.id,
			exportManifestSha256: view.export.manifestSha256,
			readsSha256: view.export.readsSha256,
			datasetFreeze: freeze
				? {
						version: freeze.version,
						fingerprint: freeze.fingerprint,
						frozenAt: freeze.frozenAt.toISOString()
					}
				: null
		},
		testSet: {
			strata: stratumBalance(
				strataDistribution(
					withAcquisitionStrata(
						caseRows.map((row) => ({ caseKey: row.key, strataJson: row.strata })),
						await acquisitionStrataByCase(db, study.id)
					)
				)
			),
			// A case outside the export has no code: while blinded it is not named.
			independence: reportIndependence(await latestIndependenceCheck(db, study.id), (key) =>
				view.unblinded ? key : (codes.cases.get(key) ?? 'a case not in the export')
			),
			readers,
			simulatedReads: simulatedReads?.n ?? 0
		},
		environment: await reportEnvironment(db, {
			name: view.ai?.name ?? protocol.ai_model.name,
			version: view.ai?.version ?? protocol.ai_model.version,
			sha256: view.ai?.sha256 ?? null,
			threshold: view.ai?.threshold ?? null
		}),
		analysis: view.analysis,
		arms: view.arms,
		reproduce: view.reproduce,
		ai: view.ai,
		anomalies: await reportAnomalies(
			db,
			study.id,
			view.study.lockedAt,
			{
				blinded: !view.unblinded,
				reader: (code) => label(codes.readers.get(code), code),
				case: (key) => label(codes.cases.get(key), key)
			},
			view.notes
		),
		annex: {
			manifestFiles: [
				{ name: 'reads.csv', sha256: view.export.readsSha256, bytes: view.export.readsBytes },
				...(await sealedAiFile(db, study, codes.cases))
			],
			publicKeyPem,
			audit: {
				events: chain.count,
				chainIntact: chain.ok && checkpointsHold,
				headHash: signed.head?.hash ?? '',
				checkpoint: signed.checkpoint && {
					seq: signed.checkpoint.seq,
					hash: signed.checkpoint.hash,
					signedAt: signed.checkpoint.signedAt,
					signature: signed.checkpoint.signature
				}
			}
		}
	};
	input.verification = await reportVerification(db, {
		studyId: study.id,
		protocol,
		model: {
			name: view.ai?.name ?? protocol.ai_model.name,
			version: view.ai?.version ?? protocol.ai_model.version,
			sha256: view.ai?.sha256 ?? null
		},
		labels: {
			reader: (code) => label(codes.readers.get(code), code),
			case: (key) => label(codes.cases.get(key), key)
		},
		anomalies: input.anomalies
	});
	// Results additions and the anomalies' classification (sections 6 and 7).
	const declaredPoints = protocol.ai_model.operating_points;
	input.operatingPoints = {
		highSensitivity: declaredPoints?.high_sensitivity ?? null,
		highSpecificity: declaredPoints?.high_specificity ?? null
	};
	input.measurements = await reportMeasurements(db, study.id, {
		reader: (code) => label(codes.readers.get(code), code),
		case: (key) => label(codes.cases.get(key), key),
		// The analysis's arm labels: the codes while blinded, the protocol's labels after.
		arm: (id) =>
			view.unblinded
				? (protocol.arms.find((arm) => arm.id === id)?.label ?? id)
				: (codes.arms.get(id) ?? id)
	});
	input.effectiveUse = effectiveUse(
		(await caseUseRows(db, study.id, protocol)).map((row) => ({
			...row,
			case: label(codes.cases.get(row.case), row.case)
		}))
	);
	input.anomalyClassifications = reportAnomalyClassifications(
		await studyAnomalies(db, study.id, (key) => label(codes.cases.get(key), key))
	);
	input.signOff = await reportSignOff(db, study.id, input);
	return { input, html: withEmbeddedFonts(verificationReportHtml(input)), view };
}

/** The report's HTML printed to PDF, its footer naming the study and the report in the report's language. */
function printReport(html: string, input: ReportInput): Promise<Buffer> {
	return htmlToPdf(html, `${input.study.title} — ${reportTitle(input.lang)}`, input.lang);
}

/**
 * The export's ai-outputs.csv as the lock sealed it (the study is locked, so it is the file the
 * export carries): its name, SHA-256 and size for annex C, none when the AI scored no case.
 */
async function sealedAiFile(
	db: Db,
	study: Awaited<ReturnType<typeof requireStudyBySlug>>,
	caseCodes: ReadonlyMap<string, string>
): Promise<Array<{ name: string; sha256: string; bytes: number }>> {
	const text = (await aiExportFiles(db, study, caseCodes, csv)).files['ai-outputs.csv'];
	return text === undefined
		? []
		: [{ name: 'ai-outputs.csv', sha256: sha256Hex(text), bytes: Buffer.byteLength(text) }];
}

/** The head signed for the report; a chain that no longer matches its checkpoints is not signed again. */
async function reportCheckpoint(db: Db, now: Date): Promise<SignedChainHead> {
	try {
		return await signedChainHead(db, 'report', now);
	} catch (error) {
		if (!(error instanceof Conflict)) throw error;
		return { head: await chainHead(db), checkpoint: await lastCheckpoint(db) };
	}
}

export interface WrittenReport {
	files: Array<{ name: string; sha256: string; bytes: number }>;
	blinded: boolean;
	/** Why report.pdf was not written (Chromium missing or not starting); the rest was. */
	pdfUnavailable?: string;
}

async function recordGeneration(
	db: Db,
	principal: Principal,
	slug: string,
	input: ReportInput,
	files: WrittenReport['files'],
	now: Date
): Promise<void> {
	const study = await requireStudyBySlug(db, slug);
	await withTransaction(
		db,
		async (tx) =>
			await recordAudit(
				tx,
				principal,
				{
					action: 'report.generated',
					entityType: 'study',
					entityId: study.id,
					studyId: study.id,
					after: { blinded: input.blinded, exportId: input.fingerprints.exportId, files }
				},
				now
			)
	);
}

/** The report as one file for a download from the app (HTML or PDF); audited. */
export async function renderReport(
	db: Db,
	principal: Principal,
	slug: string,
	format: 'html' | 'pdf',
	now = new Date(),
	lang: ReportLanguage = 'en'
): Promise<{ fileName: string; body: string | Buffer; blinded: boolean }> {
	const { input, html } = await buildReport(db, principal, slug, now, lang);
	const body = format === 'html' ? html : await printReport(html, input);
	const suffix = `${input.blinded ? '-blinded' : ''}${lang === 'en' ? '' : `-${lang}`}`;
	const fileName = `${slug}-verification-report${suffix}.${format}`;
	await recordGeneration(
		db,
		principal,
		slug,
		input,
		[{ name: fileName, sha256: sha256Hex(body), bytes: Buffer.byteLength(body) }],
		now
	);
	await checkpointAfter(db, 'report');
	return { fileName, body, blinded: input.blinded };
}

/**
 * Writes report.html, report.pdf and analysis.json into `outDir`; audited. When Chromium cannot
 * print the PDF, the HTML and JSON are still written (an earlier report.pdf is removed, so no
 * stale PDF sits beside them) and `pdfUnavailable` says why.
 */
export async function writeReport(
	db: Db,
	principal: Principal,
	slug: string,
	outDir: string,
	now = new Date(),
	lang: ReportLanguage = 'en'
): Promise<WrittenReport> {
	const { input, html, view } = await buildReport(db, principal, slug, now, lang);
	let pdf: Buffer | undefined;
	let pdfUnavailable: string | undefined;
	try {
		pdf = await printReport(html, input);
	} catch (error) {
		if (!(error instanceof PdfUnavailable)) throw error;
		pdfUnavailable = error.message;
	}
	const contents: Record<string, string | Buffer> = {
		'report.html': html,
		...(pdf ? { 'report.pdf': pdf } : {}),
		'analysis.json': `${JSON.stringify({ study: view.study, export: view.export, unblinded: view.unblinded, arms: view.arms, reproduce: view.reproduce, analysis: view.analysis }, (_, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`
	};
	mkdirSync(outDir, { recursive: true });
	if (!pdf) rmSync(join(outDir, 'report.pdf'), { force: true });
	const files = Object.entries(contents).map(([name, data]) => {
		writeFileSync(join(outDir, name), data);
		return { name, sha256: sha256Hex(data), bytes: Buffer.byteLength(data) };
	});
	await recordGeneration(db, principal, slug, input, files, now);
	await checkpointAfter(db, 'report');
	return { files, blinded: input.blinded, ...(pdfUnavailable ? { pdfUnavailable } : {}) };
}
