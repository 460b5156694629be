// Test support for the report's table-3 specs: a Van Dyke trial analysis, declared verification
// values given here, and the report input built from them in either language.
import type { ReportInput, ReportVerification } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { reportInputOf, vanDykeAnalysis } from '../report-input.fixture';

export const analysis = vanDykeAnalysis([
	{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 },
	{ group: 'secondary', metric: 'sensitivity', hypothesis: 'superiority', alpha: 0.025 }
]);

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
	const base = reportInputOf(analysis, { lang });
	return {
		...base,
		generator: 'Tandem 0.9.0',
		study: { ...base.study, protocolVersion: '1.1', sites: [{ code: 'site-a', name: 'A' }] },
		annex: { ...base.annex, audit: { ...base.annex.audit, events: 321 } },
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
