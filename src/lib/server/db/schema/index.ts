// The tables every service imports: the SQLite definitions (./definitions.ts), or their PostgreSQL
// twins (../schema-pg) when this process runs on PostgreSQL (../dialect.ts). The twins have the
// same TypeScript types, column for column (schema-parity.spec.ts), so a service is written once
// and typed once, with the SQLite tables' types.
import * as sqlite from './definitions';
import * as postgres from '../schema-pg';
import { processDialect } from '../dialect';

const tables = (processDialect() === 'postgres' ? postgres : sqlite) as unknown as typeof sqlite;

export const {
	adjudicationCases,
	aiModels,
	aiResults,
	annotationDrafts,
	annotationTasks,
	annotations,
	anomalyClassifications,
	assignments,
	auditCheckpoints,
	auditEvents,
	authSessions,
	blindExports,
	burnedInReviews,
	cases,
	datasetVersions,
	images,
	importRuns,
	importedInstances,
	independenceChecks,
	invitations,
	loginThrottle,
	memberQualifications,
	memberships,
	monitorQueries,
	protocolVersions,
	qcChecks,
	qcOverrides,
	qcSampleCases,
	queryAnswers,
	readDrafts,
	readerEnrolments,
	readingSessions,
	reads,
	referenceTruth,
	signatures,
	sites,
	studies,
	studyLocks,
	truthDecisions,
	truthLesions,
	users
} = tables;

export { ANOMALY_CAUSES, QC_OUTCOMES, ROLES, TRUTH_DECISION_KINDS } from './definitions';
export type * from './definitions';
