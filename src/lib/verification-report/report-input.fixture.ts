// Test support: the report's input around a trial analysis of the Van Dyke data (MRMCaov's
// reference set), with every section's data present and empty, for specs to change what they test.
import { analyzeTrial, type TrialAnalysis } from '../stats/trial/trial-analysis';
import type { TrialInput } from '../stats/trial/trial-input';
import type { ReportInput } from './report-input';
import type { ReportLanguage } from './report-language';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';

/** The Van Dyke reads (rating ≥ 3 called positive) analysed for the endpoints given. */
export function vanDykeAnalysis(endpoints: TrialInput['endpoints']): TrialAnalysis {
	return analyzeTrial({
		reads: referenceRows('vandyke.csv').map((row) => ({
			...row,
			decision: row.rating >= 3 ? (1 as const) : (0 as const)
		})),
		readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: `site-${reader}` })),
		cases: [],
		arms: { test: '2', reference: '1' },
		endpoints,
		strata: []
	});
}

/** A locked, exported study's report input with nothing in its anomalies, test set or annexes. */
export function reportInputOf(
	analysis: TrialAnalysis,
	{ lang = 'en', blinded = false }: { lang?: ReportLanguage; blinded?: boolean } = {}
): ReportInput {
	return {
		lang,
		generatedAt: '2026-11-23T12:00:00.000Z',
		generator: 'Tandem test',
		study: {
			slug: 'van-dyke',
			title: 'Van Dyke',
			protocolVersion: '1',
			description: '',
			designType: 'fully-crossed',
			washoutDays: null,
			arms: [
				{ id: 'a', label: 'One', ai: false },
				{ id: 'b', label: 'Two', ai: true }
			],
			sites: [],
			truthSource: 'published',
			demo: false
		},
		blinded,
		unblindedAt: blinded ? null : '2026-11-23T11:00:00.000Z',
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
		reproduce: blinded ? null : { aided: '2', unaided: '1' },
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
			audit: { events: 3, chainIntact: true, headHash: 'h'.repeat(64), checkpoint: null }
		}
	};
}
