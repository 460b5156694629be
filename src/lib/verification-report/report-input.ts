// Everything the performance-verification report (seed 001, table 3; REP) is written from.
// Pure data: the server gathers it from the locked study, its blind export and the analysis.
import type { TrialAnalysis } from '../stats/trial/trial-analysis';
import type { ArmPair } from '../stats/trial/trial-input';
import type { SignatureView } from '../domain/signature';
import type { StratumBalance } from '../stats/balance/stratum-balance';
import type { IndependenceOverlap } from '../domain/test-set-independence';
import type { ReportLanguage } from './report-language';
import type { DeclaredText } from '../design/protocol/declared-text';
import type { EffectiveUse } from '../stats/trial/effective-use';

/** The independence check as the report shows it (test-set section). */
export interface ReportIndependence {
	checkedAt: string;
	checkedBy: string;
	manifestSha256: string;
	manifestRows: number;
	datasetVersion: number | null;
	/** The case set is still the one checked. */
	current: boolean;
	cases: number;
	overlaps: IndependenceOverlap[];
	unchecked: number;
	sites: string[];
}

export interface ReportInput {
	/** The language every heading, table, label and sentence is written in. */
	lang: ReportLanguage;
	generatedAt: string;
	generator: string;
	study: {
		slug: string;
		title: string;
		protocolVersion: string;
		description: string;
		designType: string;
		washoutDays: number | null;
		arms: Array<{ id: string; label: string; ai: boolean }>;
		sites: Array<{ code: string; name: string }>;
		truthSource: string;
		demo: boolean;
	};
	/** True while the key is sealed: labels are codes, margin decisions withheld. */
	blinded: boolean;
	unblindedAt: string | null;
	fingerprints: {
		protocolSha256: string;
		lock: string;
		lockedAt: string;
		exportId: number;
		exportManifestSha256: string;
		readsSha256: string;
		datasetFreeze: { version: number; fingerprint: string; frozenAt: string } | null;
	};
	testSet: {
		/** Cases per value of each stratum (the protocol's and those read from the images) with its balance. */
		strata: StratumBalance[];
		/** The latest check against the sponsor's training manifest; case ids coded while blinded. */
		independence: ReportIndependence | null;
		readers: Array<{
			reader: string;
			site: string;
			yearsExperience: number | null;
			specialty: string | null;
			withdrawn: boolean;
		}>;
		simulatedReads: number;
	};
	environment: Array<{ item: string; value: string }>;
	analysis: TrialAnalysis;
	arms: ArmPair;
	/** Arm codes for `tandem analyze --test/--reference` (after unblinding). */
	reproduce: { aided: string; unaided: string } | null;
	ai: AiModelSummary | null;
	anomalies: ReportAnomalies;
	annex: {
		manifestFiles: Array<{ name: string; sha256: string; bytes: number }>;
		publicKeyPem: string;
		audit: {
			events: number;
			chainIntact: boolean;
			headHash: string;
			/** The last signed checkpoint of the audit chain (null when none was made). */
			checkpoint: { seq: number; hash: string; signedAt: string; signature: string } | null;
		};
	};
	/** The electronic signatures of the study and what a report sign-off signs (annex D). */
	signOff?: ReportSignOff;
	/** The specification's table-3 items: statement, criteria, de-identification, host, margins, limits, annexes. */
	verification?: ReportVerification;

	// — Results additions (operating points, measurement agreement, effective use of the data)
	// and the classification of the anomalies (section 7). Optional: a report renders without them.
	/** The operating points the protocol declares (ai_model.operating_points): target proportions. */
	operatingPoints?: { highSensitivity: number | null; highSpecificity: number | null };
	/** The readers' measurements paired with the truth's (lesion size), when any was made. */
	measurements?: ReportMeasurements;
	/** How many cases were usable by the readers and by the AI, with each excluded case's reason. */
	effectiveUse?: EffectiveUse;
	/** The evaluator's classification of each AI failure (software defect or external cause). */
	anomalyClassifications?: AnomalyClassificationView[];
}

/** One reader's measurement of one case in one arm, beside the truth's (report labels). */
export interface ReportMeasurements {
	/** What was measured, e.g. "longest lesion diameter (mm)". */
	quantity: string;
	rows: Array<{ reader: string; arm: string; case: string; value: number; truth: number | null }>;
}

export interface AnomalyClassificationView {
	/** The failed case (report label) or inference job the classification is about. */
	subject: string;
	cause: 'software-defect' | 'external';
	note: string;
	by: string;
	at: string;
}

/** Everything that did not go as planned (section 7); readers and cases under the report's labels. */
export interface ReportAnomalies {
	/** How many flags of each kind. */
	deviations: Array<{ kind: string; count: number }>;
	/** Every deviation flag of the monitoring, in time order. */
	flags: Array<{
		kind: string;
		reader: string | null;
		site: string | null;
		at: string;
		detail: string;
	}>;
	/** Every query the monitor raised, with its answers (texts withheld while blinded). */
	queries: Array<{
		target: string;
		site: string;
		raisedBy: string;
		raisedAt: string;
		question: string;
		status: string;
		closedAt: string | null;
		answers: Array<{ by: string; at: string; answer: string }>;
	}>;
	/** Every failed attempt of the AI on a case: retried, or final (the case then failed). */
	aiAttempts: Array<{
		case: string;
		attempt: number | null;
		final: boolean;
		at: string;
		error: string;
	}>;
	/** Every protocol loaded after the first: an amendment has its reason. */
	amendments: Array<{
		revision: number;
		protocolVersion: string;
		at: string;
		sha256: string;
		reason: string | null;
	}>;
	/** Reads whose recorded time is after the lock. */
	readsAfterLock: Array<{
		read: number;
		reader: string;
		site: string;
		at: string;
		simulated: boolean;
	}>;
	/** Notes of the data gathering (the analysis adds its own). */
	notes: string[];
}

export interface ReportSignOff {
	/** SHA-256 of the report's content: everything but its generation time, audit line and signatures. */
	contentSha256: string;
	signatures: SignatureView[];
}

/** The AI model a study names, as the analysis and the report describe it. */
export interface AiModelSummary {
	name: string;
	version: string;
	sha256: string;
	threshold: number;
	failureRule: string;
	failures: Array<{ case: string; error: string }>;
}

// ── The specification's table-3 items (statement; test-set criteria, de-identification and
// composition; host; metric formulas and margin justifications; declared limitations; logs,
// protocol versions, qualifications, signature page, retention). Declared values are null when
// the protocol does not declare them, and the report says so. ──

/** What the protocol declares about the verification, and what the system records beside it. */
export interface ReportVerification {
	statement: {
		organisation: DeclaredText | null;
		qualification: DeclaredText | null;
		/** Null: the report prints its standard confidentiality statement. */
		confidentiality: DeclaredText | null;
		tool: { name: string; version: string; releaseDate: string | null; sha256: string | null };
	};
	criteria: { inclusion: DeclaredText[]; exclusion: DeclaredText[] };
	deidentification: ReportDeidentification;
	host: ReportHost;
	/** Every declared endpoint with its margin and the margin's clinical justification. */
	margins: Array<{
		group: 'primary' | 'secondary';
		metric: string;
		hypothesis: string;
		margin: number | null;
		justification: DeclaredText | null;
		alpha: number;
	}>;
	limitations: DeclaredText[];
	useRestrictions: DeclaredText[];
	/** The logs kept, with what each holds (the audit trail's count is annex B's). */
	logs: ReportLogs;
	/** Every protocol loaded, the first included. */
	protocolVersions: Array<{
		revision: number;
		protocolVersion: string;
		at: string;
		sha256: string;
		reason: string | null;
	}>;
	qualifications: ReportQualification[];
	signatories: {
		executor: DeclaredText | null;
		statistician: DeclaredText | null;
		projectLead: DeclaredText | null;
	};
	retentionYears: number | null;
	archiveLocation: DeclaredText | null;
}

/** How the images were de-identified, from the import records (none when loaded from folders). */
export interface ReportDeidentification {
	imagesFrom: 'folder' | 'import';
	runs: Array<{
		run: number;
		sourceKind: string;
		status: string;
		filesFound: number;
		imported: number;
		skipped: number;
		failed: number;
		startedAt: string;
		deidKeyId: string;
	}>;
	/** Stored de-identified files and their changed attributes (the de-identification log's entries). */
	files: number;
	changes: { total: number; min: number; median: number; max: number } | null;
	/** Per case (under the report's label): files and changed attributes. */
	perCase: Array<{ case: string; files: number; changes: number }>;
	/** The burned-in annotation review: outcomes per status. */
	burnedIn: { pending: number; cleared: number; identifying: number };
	withdrawnFiles: number;
}

export interface ReportHost {
	/** The server's model as its firmware reports it (DMI), or null when not readable. */
	serverModel: string | null;
	declaredServer: DeclaredText | null;
	gpu: DeclaredText | null;
	network: DeclaredText | null;
	/** Key package versions (installed). */
	packages: Array<{ name: string; version: string }>;
}

export interface ReportLogs {
	/** The AI's inference job rows (per-case status, attempts, timings) and its audit events. */
	inference: {
		results: Array<{ status: string; count: number }>;
		attempts: number;
		events: number;
	};
	importRuns: number;
	monitoringFlags: number;
	queries: number;
}

export interface ReportQualification {
	role: 'reader' | 'annotator' | 'adjudicator';
	/** The report's label (a reader's code; annotators and adjudicators numbered). */
	person: string;
	site: string | null;
	yearsExperience: number | null;
	specialty: string | null;
	licence: string | null;
	trainingCompletedAt: string | null;
}
