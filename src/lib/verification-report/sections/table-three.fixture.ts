// Test support for the report's table-3 specs: a Van Dyke trial analysis, declared verification
// values given here, and the report input built from them in either language.
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import type { ReportInput, ReportVerification } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';

export const analysis = analyzeTrial({
	reads: referenceRows('vandyke.csv').map((row) => ({
		...row,
		decision: row.rating >= 3 ? (1 as const) : (0 as const)
	})),
	readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: `site-${reader}` })),
	cases: [],
	arms: { test: '2', reference: '1' },
	endpoints: [
		{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 },
		{ group: 'secondary', metric: 'sensitivity', hypothesis: 'superiority', alpha: 0.025 }
	],
	strata: []
});

const CONTENT_SHA = 'c'.repeat(64);

export const verification: ReportVerification = {
	statement: {
		organisation: 'Example Evaluation Lab',
		qualification: 'ISO/IEC 17025 accredited',
		confidentiality: null,
		tool: {
			name: 'lesion-finder',
			version: '2.1.0',
			releaseDate: '2026-09-15',
			sha256: 'f'.repeat(64)
		}
	},
	criteria: { inclusion: ['Adults aged 18 or over'], exclusion: ['Severe motion artefact'] },
	deidentification: {
		imagesFrom: 'folder',
		runs: [],
		files: 0,
		changes: null,
		perCase: [],
		burnedIn: { pending: 0, cleared: 0, identifying: 0 },
		withdrawnFiles: 0
	},
	host: {
		serverModel: null,
		declaredServer: 'Rack server X1',
		gpu: null,
		network: 'Isolated LAN, no route to the internet',
		packages: [
			{ name: 'onnxruntime-node', version: '1.30.0' },
			{ name: 'drizzle-orm', version: '0.45.4' }
		]
	},
	margins: [
		{
			group: 'primary',
			metric: 'auc',
			hypothesis: 'non-inferiority',
			margin: 0.05,
			justification: 'Smaller than the spread between readers.',
			alpha: 0.025
		},
		{
			group: 'secondary',
			metric: 'sensitivity',
			hypothesis: 'superiority',
			margin: null,
			justification: null,
			alpha: 0.025
		}
	],
	limitations: ['Few small lesions'],
	useRestrictions: ['Not for use without a radiologist'],
	logs: {
		inference: {
			results: [
				{ status: 'done', count: 118 },
				{ status: 'failed', count: 2 }
			],
			attempts: 126,
			events: 240
		},
		importRuns: 0,
		monitoringFlags: 4,
		queries: 1
	},
	protocolVersions: [
		{
			revision: 1,
			protocolVersion: '1.0',
			at: '2026-01-01T00:00:00.000Z',
			sha256: 'a'.repeat(64),
			reason: null
		},
		{
			revision: 2,
			protocolVersion: '1.1',
			at: '2026-02-01T00:00:00.000Z',
			sha256: 'b'.repeat(64),
			reason: 'washout longer'
		}
	],
	qualifications: [
		{
			role: 'reader',
			person: 'R01',
			site: 'site-a',
			yearsExperience: 12,
			specialty: 'chest',
			licence: null,
			trainingCompletedAt: '2026-01-10'
		},
		{
			role: 'adjudicator',
			person: 'ADJ1',
			site: null,
			yearsExperience: 20,
			specialty: 'thoracic',
			licence: 'L-77',
			trainingCompletedAt: null
		}
	],
	signatories: { executor: 'Dr. Exe', statistician: 'Dr. Stat', projectLead: null },
	retentionYears: 10,
	archiveLocation: 'Records room B'
};

export function input(
	lang: ReportLanguage,
	changes: Partial<ReportVerification> = {}
): ReportInput {
	return {
		lang,
		generatedAt: '2026-11-23T12:00:00.000Z',
		generator: 'Tandem 0.9.0',
		study: {
			slug: 'van-dyke',
			title: 'Van Dyke',
			protocolVersion: '1.1',
			description: '',
			designType: 'fully-crossed',
			washoutDays: null,
			arms: [
				{ id: 'a', label: 'One', ai: false },
				{ id: 'b', label: 'Two', ai: true }
			],
			sites: [{ code: 'site-a', name: 'A' }],
			truthSource: 'published',
			demo: false
		},
		blinded: false,
		unblindedAt: '2026-11-23T11:00:00.000Z',
		fingerprints: {
			protocolSha256: 'p'.repeat(64),
			lock: 'l'.repeat(64),
			lockedAt: '2026-11-22T00:00:00.000Z',
			exportId: 1,
			exportManifestSha256: 'm'.repeat(64),
			readsSha256: 'r'.repeat(64),
			datasetFreeze: null
		},
		testSet: { strata: [], independence: null, readers: [], simulatedReads: 0 },
		environment: [{ item: 'Runtime', value: 'Node.js' }],
		analysis,
		arms: analysis.arms,
		reproduce: { aided: '2', unaided: '1' },
		ai: null,
		anomalies: {
			deviations: [],
			flags: [],
			queries: [],
			aiAttempts: [],
			amendments: [],
			readsAfterLock: [],
			notes: []
		},
		annex: {
			manifestFiles: [],
			publicKeyPem: 'KEY',
			audit: { events: 321, chainIntact: true, headHash: 'h'.repeat(64), checkpoint: null }
		},
		signOff: {
			contentSha256: CONTENT_SHA,
			signatures: [
				{
					id: 1,
					name: 'Jonas Berg',
					role: 'statistician',
					meaning: 'authored',
					signedAt: '2026-11-23T11:30:00.000Z',
					recordType: 'verification_report',
					recordId: '1',
					recordHash: CONTENT_SHA
				},
				{
					id: 2,
					name: 'Old Signer',
					role: 'evaluator',
					meaning: 'approved',
					signedAt: '2026-11-20T11:30:00.000Z',
					recordType: 'verification_report',
					recordId: '1',
					recordHash: 'e'.repeat(64)
				}
			]
		},
		verification: { ...verification, ...changes }
	};
}

export const text = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&gt;/g, '>')
		.replace(/&lt;/g, '<')
		.replace(/\s+/g, ' ');
