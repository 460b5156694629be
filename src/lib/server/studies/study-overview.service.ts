// What each role sees of a study. Each function checks access first. None of the reader-,
// sponsor- or site-facing functions reads reference truth (so it cannot leak from them).
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { auditEvents, cases, memberships, protocolVersions, sites, studies, users, type Role } from '../db/schema';
import { countStudyReads } from '../reads/read-counts';
import { datasetVersionsOf } from '../cases/dataset-freeze.service';
import type { Db } from '../db/client';
import { activeMemberships, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { Protocol } from '../../design/protocol/protocol.schema';

export interface StudySummary {
	slug: string;
	title: string;
	design: string;
	isDemo: boolean;
	roles: Role[];
}

/** The studies the caller belongs to, with their roles in each; with `roles`, only those where they hold one of them. */
export function listMyStudies(db: Db, principal: Principal, roles?: readonly Role[]): StudySummary[] {
	const all = db.select().from(studies).orderBy(studies.slug).all();
	const held = principal.kind === 'user' ? activeMemberships(db, principal.userId) : null;
	return all
		.map((study): StudySummary => ({ ...pick(study), roles: held ? [...new Set(held.filter((m) => m.studyId === study.id).map((m) => m.role))] : ['admin'] }))
		.filter((study) => study.roles.length > 0 && (!roles || study.roles.some((role) => roles.includes(role))));
}

function pick(study: typeof studies.$inferSelect) {
	return { slug: study.slug, title: study.title, design: study.design, isDemo: study.isDemo };
}

export function protocolOf(study: typeof studies.$inferSelect): Protocol {
	return JSON.parse(study.protocolJson) as Protocol;
}

/** People per site, counted from active memberships by role. */
function siteStaffing(db: Db, studyId: number) {
	const rows = db
		.select({ siteId: memberships.siteId, role: memberships.role, n: count() })
		.from(memberships)
		.where(and(eq(memberships.studyId, studyId), isNull(memberships.withdrawnAt)))
		.groupBy(memberships.siteId, memberships.role)
		.all();
	return db
		.select()
		.from(sites)
		.where(eq(sites.studyId, studyId))
		.orderBy(sites.code)
		.all()
		.map((site) => ({
			code: site.code,
			name: site.name,
			expectedReaders: site.expectedReaders,
			readers: rows.find((row) => row.siteId === site.id && row.role === 'reader')?.n ?? 0,
			coordinators: rows.find((row) => row.siteId === site.id && row.role === 'coordinator')?.n ?? 0
		}));
}

function caseCount(db: Db, studyId: number): number {
	return db.select({ n: count() }).from(cases).where(eq(cases.studyId, studyId)).get()?.n ?? 0;
}

/** Progress for the sponsor: enrolment and read counts only — no efficacy, no truth (SEC-1). */
export function studyProgress(db: Db, principal: Principal, slug: string) {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	const siteRows = siteStaffing(db, study.id);
	const readers = siteRows.reduce((total, site) => total + site.readers, 0);
	const caseTotal = caseCount(db, study.id);
	return {
		study: { slug: study.slug, title: study.title, design: study.design, protocolVersion: study.protocolVersion, isDemo: study.isDemo },
		sites: siteRows,
		cases: caseTotal,
		readsCompleted: countStudyReads(db, study.id),
		// Every enrolled reader reads every case once per arm.
		readsPlanned: readers * caseTotal * 2
	};
}

/** The admin's view: protocol, versions, sites, case strata, members and recent audit events. */
export function adminStudyOverview(db: Db, principal: Principal, slug: string) {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['admin']);
	const caseRows = db.select({ strataJson: cases.strataJson }).from(cases).where(eq(cases.studyId, study.id)).all();
	return {
		study: { slug: study.slug, title: study.title, protocolVersion: study.protocolVersion, sha256: study.protocolSha256, seed: study.randomizationSeed, isDemo: study.isDemo },
		protocol: protocolOf(study),
		versions: db
			.select({ revision: protocolVersions.revision, protocolVersion: protocolVersions.protocolVersion, sha256: protocolVersions.sha256, reason: protocolVersions.reason, createdAt: protocolVersions.createdAt })
			.from(protocolVersions)
			.where(eq(protocolVersions.studyId, study.id))
			.orderBy(protocolVersions.revision)
			.all(),
		sites: siteStaffing(db, study.id),
		cases: caseRows.length,
		strata: strataDistribution(caseRows.map((row) => JSON.parse(row.strataJson) as Record<string, string>)),
		dataset: datasetVersionsOf(db, study.id).map((row) => ({ version: row.version, fingerprint: row.fingerprint, frozenAt: row.frozenAt, frozenBy: row.frozenBy, reopenedAt: row.reopenedAt, reopenReason: row.reopenReason })),
		reads: countStudyReads(db, study.id),
		members: studyMembers(db, study.id, null),
		audit: db.select().from(auditEvents).where(eq(auditEvents.studyId, study.id)).orderBy(desc(auditEvents.seq)).limit(50).all()
	};
}

/** Counts of cases per value of each stratum (CAS-1: the product reports the distribution). */
export function strataDistribution(rows: ReadonlyArray<Record<string, string>>): Array<{ stratum: string; values: Array<{ value: string; cases: number }> }> {
	const byStratum = new Map<string, Map<string, number>>();
	for (const row of rows) {
		for (const [stratum, value] of Object.entries(row)) {
			const counts = byStratum.get(stratum) ?? new Map<string, number>();
			counts.set(value, (counts.get(value) ?? 0) + 1);
			byStratum.set(stratum, counts);
		}
	}
	return [...byStratum].map(([stratum, counts]) => ({
		stratum,
		values: [...counts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([value, n]) => ({ value, cases: n }))
	}));
}

function studyMembers(db: Db, studyId: number, siteId: number | null) {
	const conditions = [eq(memberships.studyId, studyId)];
	if (siteId !== null) conditions.push(eq(memberships.siteId, siteId));
	return db
		.select({ name: users.name, email: users.email, role: memberships.role, site: sites.code, since: memberships.createdAt, withdrawnAt: memberships.withdrawnAt })
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.leftJoin(sites, eq(memberships.siteId, sites.id))
		.where(and(...conditions))
		.orderBy(sites.code, memberships.role, users.name)
		.all();
}

/** The people of a site. A coordinator sees only their own site; an admin picks any. */
export function sitePeople(db: Db, principal: Principal, slug: string, siteCode?: string) {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['coordinator', 'admin']);
	const studySites = db.select().from(sites).where(eq(sites.studyId, study.id)).orderBy(sites.code).all();
	const visibleSites = access.role === 'coordinator' ? studySites.filter((site) => site.id === access.siteId) : studySites;
	const site = siteCode === undefined ? visibleSites[0] : visibleSites.find((candidate) => candidate.code === siteCode);
	if (!site) return { study: { slug: study.slug, title: study.title }, site: null, sites: visibleSites.map((s) => s.code), people: [] };
	return {
		study: { slug: study.slug, title: study.title },
		site: { code: site.code, name: site.name, expectedReaders: site.expectedReaders },
		sites: visibleSites.map((s) => s.code),
		people: studyMembers(db, study.id, site.id)
	};
}

/** The endpoints declared before the first read and the state of the data, for analysts. */
export function analysisOverview(db: Db, principal: Principal, slug: string) {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const protocol = protocolOf(study);
	return {
		study: { slug: study.slug, title: study.title, protocolVersion: study.protocolVersion, sha256: study.protocolSha256 },
		endpoints: protocol.endpoints,
		arms: protocol.arms,
		cases: caseCount(db, study.id),
		reads: countStudyReads(db, study.id)
	};
}

export function studyIdsOf(db: Db, slugs: string[]): number[] {
	if (slugs.length === 0) return [];
	return db.select({ id: studies.id }).from(studies).where(inArray(studies.slug, slugs)).all().map((row) => row.id);
}
