// The report's table-3 items the other gatherers do not cover: what the protocol declares about the
// verification (organisation, criteria, network, limitations, signatories, retention, archive), the
// de-identification records of the case import, the server and key package versions, the logs the
// system keeps with their counts, every protocol revision, and the qualification records of the
// readers and of the reference standard's annotators and adjudicators.
import { existsSync, readFileSync } from 'node:fs';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import {
	aiModels,
	aiResults,
	auditEvents,
	burnedInReviews,
	cases,
	importedInstances,
	importRuns,
	memberQualifications,
	memberships,
	monitorQueries,
	protocolVersions,
	readerEnrolments,
	sites
} from '../db/schema';
import type { Db } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type {
	ReportAnomalies,
	ReportDeidentification,
	ReportHost,
	ReportVerification
} from '../../verification-report/report-input';
import { packageVersion } from './report-environment';

/** The packages whose versions the verification depends on (inference, storage, viewer, analysis). */
const KEY_PACKAGES = [
	'onnxruntime-node',
	'drizzle-orm',
	'better-sqlite3',
	'@cornerstonejs/core',
	'@cornerstonejs/tools',
	'@sveltejs/kit',
	'zod'
] as const;

/** Where Linux exposes the firmware's (DMI) description of the machine. */
const DMI = '/sys/class/dmi/id';

/** The server's vendor and model as its firmware reports them, or null where they cannot be read. */
export function serverModel(dmiFolder = DMI): string | null {
	const read = (name: string) => {
		const file = `${dmiFolder}/${name}`;
		try {
			return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
		} catch {
			return '';
		}
	};
	const model = [read('sys_vendor'), read('product_name')].filter(Boolean).join(' ');
	return model || null;
}

export interface VerificationLabels {
	reader: (readerCode: string) => string;
	case: (caseKey: string) => string;
}

export interface VerificationContext {
	studyId: number;
	protocol: Protocol;
	model: { name: string; version: string; sha256: string | null };
	labels: VerificationLabels;
	anomalies: ReportAnomalies;
}

export async function reportVerification(
	db: Db,
	context: VerificationContext
): Promise<ReportVerification> {
	const { protocol, studyId } = context;
	const declared = protocol.verification;
	// A model registered but not (fully) scored has no analysis summary: its hash is the registry's.
	const registered = (
		await db
			.select({ sha256: aiModels.sha256 })
			.from(aiModels)
			.where(
				and(eq(aiModels.name, context.model.name), eq(aiModels.version, context.model.version))
			)
	)[0];
	const endpoints = (['primary', 'secondary'] as const).flatMap((group) =>
		protocol.endpoints[group].map((endpoint) => ({
			group,
			metric: endpoint.metric,
			hypothesis: endpoint.hypothesis,
			margin: endpoint.margin ?? null,
			justification: endpoint.margin_justification ?? null,
			alpha: endpoint.alpha
		}))
	);
	return {
		statement: {
			organisation: declared?.organisation ?? null,
			qualification: declared?.qualification ?? null,
			confidentiality: declared?.confidentiality ?? null,
			tool: {
				name: context.model.name,
				version: context.model.version,
				releaseDate: protocol.ai_model.release_date ?? null,
				sha256: context.model.sha256 ?? registered?.sha256 ?? null
			}
		},
		criteria: {
			inclusion: declared?.inclusion_criteria ?? [],
			exclusion: declared?.exclusion_criteria ?? []
		},
		deidentification: await deidentification(db, studyId, protocol, context.labels),
		host: host(protocol),
		margins: endpoints,
		limitations: declared?.limitations ?? [],
		useRestrictions: declared?.use_restrictions ?? [],
		logs: await logs(db, studyId, context),
		protocolVersions: (
			await db
				.select()
				.from(protocolVersions)
				.where(eq(protocolVersions.studyId, studyId))
				.orderBy(asc(protocolVersions.revision))
		).map((row) => ({
			revision: row.revision,
			protocolVersion: row.protocolVersion,
			at: row.createdAt.toISOString(),
			sha256: row.sha256,
			reason: row.reason
		})),
		qualifications: await qualifications(db, studyId, context.labels),
		signatories: {
			executor: declared?.signatories?.executor ?? null,
			statistician: declared?.signatories?.statistician ?? null,
			projectLead: declared?.signatories?.project_lead ?? null
		},
		retentionYears: declared?.retention_years ?? null,
		archiveLocation: declared?.archive_location ?? null
	};
}

function host(protocol: Protocol): ReportHost {
	const declared = protocol.verification;
	return {
		serverModel: serverModel(),
		declaredServer: declared?.server ?? null,
		gpu: declared?.gpu ?? null,
		network: declared?.network ?? null,
		packages: KEY_PACKAGES.map((name) => ({ name, version: packageVersion(name) }))
	};
}

const median = (sorted: number[]): number => {
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The import runs, the changed attributes of each stored file and the burned-in review's outcomes. */
async function deidentification(
	db: Db,
	studyId: number,
	protocol: Protocol,
	labels: VerificationLabels
): Promise<ReportDeidentification> {
	const runs = (
		await db
			.select()
			.from(importRuns)
			.where(eq(importRuns.studyId, studyId))
			.orderBy(asc(importRuns.id))
	).map((row) => ({
		run: row.id,
		sourceKind: row.sourceKind,
		status: row.status,
		filesFound: row.filesFound,
		imported: row.imported,
		skipped: row.skipped,
		failed: row.failed,
		startedAt: row.startedAt.toISOString(),
		deidKeyId: row.deidKeyId
	}));
	const instances = await db
		.select({
			caseKey: cases.caseKey,
			log: importedInstances.deidLogJson,
			withdrawn: importedInstances.withdrawnAt
		})
		.from(importedInstances)
		.innerJoin(cases, eq(importedInstances.caseId, cases.id))
		.where(eq(importedInstances.studyId, studyId));
	const perCase = new Map<string, { files: number; changes: number }>();
	const changes: number[] = [];
	for (const row of instances) {
		const changed = (JSON.parse(row.log) as unknown[]).length;
		changes.push(changed);
		const label = labels.case(row.caseKey);
		const entry = perCase.get(label) ?? { files: 0, changes: 0 };
		entry.files += 1;
		entry.changes += changed;
		perCase.set(label, entry);
	}
	changes.sort((a, b) => a - b);
	const reviews = await db
		.select({ status: burnedInReviews.status, n: sql<number>`count(*)`.mapWith(Number) })
		.from(burnedInReviews)
		.where(eq(burnedInReviews.studyId, studyId))
		.groupBy(burnedInReviews.status);
	const review = (status: string) => reviews.find((row) => row.status === status)?.n ?? 0;
	return {
		imagesFrom: protocol.cases.images_from,
		runs,
		files: instances.length,
		changes:
			changes.length === 0
				? null
				: {
						total: changes.reduce((sum, value) => sum + value, 0),
						min: changes[0]!,
						median: median(changes),
						max: changes.at(-1)!
					},
		perCase: [...perCase]
			.map(([label, entry]) => ({ case: label, ...entry }))
			.sort((a, b) => a.case.localeCompare(b.case, 'en', { numeric: true })),
		burnedIn: {
			pending: review('pending'),
			cleared: review('cleared'),
			identifying: review('identifying')
		},
		withdrawnFiles: instances.filter((row) => row.withdrawn !== null).length
	};
}

async function logs(
	db: Db,
	studyId: number,
	context: VerificationContext
): Promise<ReportVerification['logs']> {
	const model = (
		await db
			.select({ id: aiModels.id })
			.from(aiModels)
			.where(
				and(eq(aiModels.name, context.model.name), eq(aiModels.version, context.model.version))
			)
	)[0];
	const results = model
		? await db
				.select({
					status: aiResults.status,
					count: sql<number>`count(*)`.mapWith(Number),
					attempts: sql<number>`sum(${aiResults.attempts})`.mapWith(Number)
				})
				.from(aiResults)
				.innerJoin(cases, eq(aiResults.caseId, cases.id))
				.where(and(eq(aiResults.modelId, model.id), eq(cases.studyId, studyId)))
				.groupBy(aiResults.status)
				.orderBy(asc(aiResults.status))
		: [];
	const events = (
		await db
			.select({ n: sql<number>`count(*)`.mapWith(Number) })
			.from(auditEvents)
			.where(and(eq(auditEvents.studyId, studyId), like(auditEvents.action, 'ai.%')))
	)[0];
	const count = async (table: typeof importRuns | typeof monitorQueries) =>
		(
			await db
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(table)
				.where(eq(table.studyId, studyId))
		)[0]?.n ?? 0;
	return {
		inference: {
			results: results.map((row) => ({ status: row.status, count: row.count })),
			attempts: results.reduce((sum, row) => sum + (row.attempts ?? 0), 0),
			events: events?.n ?? 0
		},
		importRuns: await count(importRuns),
		monitoringFlags: context.anomalies.flags.length,
		queries: await count(monitorQueries)
	};
}

/** Readers (under their report label), then annotators and adjudicators, numbered in order. */
async function qualifications(
	db: Db,
	studyId: number,
	labels: VerificationLabels
): Promise<ReportVerification['qualifications']> {
	const readers = (
		await db
			.select({
				code: readerEnrolments.readerCode,
				site: sites.code,
				years: readerEnrolments.yearsExperience,
				specialty: readerEnrolments.specialty,
				training: readerEnrolments.trainingCompletedAt
			})
			.from(readerEnrolments)
			.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
			.innerJoin(sites, eq(memberships.siteId, sites.id))
			.where(eq(readerEnrolments.studyId, studyId))
	)
		.map((row) => ({
			role: 'reader' as const,
			person: labels.reader(row.code),
			site: row.site,
			yearsExperience: row.years,
			specialty: row.specialty,
			licence: null,
			trainingCompletedAt: row.training
		}))
		.sort((a, b) => a.person.localeCompare(b.person, 'en', { numeric: true }));
	const truthMakers = await db
		.select({
			role: memberships.role,
			years: memberQualifications.yearsExperience,
			specialty: memberQualifications.specialty,
			licence: memberQualifications.licence,
			training: memberQualifications.trainingCompletedAt
		})
		.from(memberQualifications)
		.innerJoin(memberships, eq(memberQualifications.membershipId, memberships.id))
		.where(eq(memberships.studyId, studyId))
		.orderBy(asc(memberships.id));
	const numbered = (role: 'annotator' | 'adjudicator', name: string) =>
		truthMakers
			.filter((row) => row.role === role)
			.map((row, index) => ({
				role,
				person: `${name}${index + 1}`,
				site: null,
				yearsExperience: row.years,
				specialty: row.specialty,
				licence: row.licence,
				trainingCompletedAt: row.training
			}));
	return [...readers, ...numbered('annotator', 'ANN'), ...numbered('adjudicator', 'ADJ')];
}
