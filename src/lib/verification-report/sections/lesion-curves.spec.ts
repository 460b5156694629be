// The report's lesion-level figures on the hand-made blind export (lesion-export.fixture): FROC
// and wAFROC curves per arm under the arms' codes, each arm's legend giving the mean of its
// readers' wAFROC as the endpoint analysis computes it, the AI's curves and its PR curve with
// the average precision given; nothing for a study without lesion-level curves.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { AiLesionCurves } from '../../stats/trial/lesion-curve-data';
import type { TrialInput } from '../../stats/trial/trial-input';
import type { ReportInput } from '../report-input';
import { lesionCurveFigures } from './lesion-curves';
import {
	ARMS,
	DISEASED,
	LESIONS_CSV,
	NORMAL,
	READERS,
	lesionTrialReads,
	marksCsv
} from '$fixtures/stats/lesion-export.fixture';
import { englishRuns, visibleHtmlText } from '$fixtures/untranslated-english.fixture';

const AI: AiLesionCurves = {
	froc: [
		{ x: 0, y: 0 },
		{ x: 0.25, y: 0.5 },
		{ x: 0.5, y: 0.75 }
	],
	wafroc: [
		{ x: 0, y: 0 },
		{ x: 0.5, y: 0.5 },
		{ x: 1, y: 1 }
	],
	precisionRecall: {
		points: [
			{ recall: 0.5, precision: 1 },
			{ recall: 0.75, precision: 0.6 }
		],
		averagePrecision: { estimate: 0.65, lower: 0.4, upper: 0.9 }
	},
	byType: [],
	level: 0.95
};

const input = (extra: Partial<TrialInput>, lang: ReportInput['lang'] = 'en'): ReportInput =>
	({
		lang,
		ai: { name: 'detector', version: '2.0' },
		analysis: analyzeTrial({
			reads: lesionTrialReads(),
			readers: READERS.map((reader) => ({ reader, site: 'all' })),
			cases: [...NORMAL, ...DISEASED].map((id) => ({ case: id, strata: {} })),
			arms: { test: ARMS.test, reference: ARMS.reference },
			endpoints: [
				{ group: 'primary', metric: 'wafroc', hypothesis: 'superiority', margin: 0, alpha: 0.05 }
			],
			strata: [],
			lesions: { truthCsv: LESIONS_CSV, marksCsv: marksCsv() },
			...extra
		})
	}) as unknown as ReportInput;

describe('the lesion-level figures of the report', () => {
	it('draws FROC and wAFROC per arm with the AI, and the AI’s PR curve', () => {
		const report = input({ lesionAi: AI });
		const html = lesionCurveFigures(report);
		const svgs = [...html.matchAll(/<svg[^>]*class="([^"]+)"/g)].map((match) => match[1]);
		expect(svgs).toEqual(['figure froc-curves', 'figure wafroc-curves', 'figure precision-recall']);
		const wafroc = report.analysis.endpoints[0] as EndpointResult;
		for (const arm of [ARMS.reference, ARMS.test]) {
			const mean = wafroc.arms.find((row) => row.arm === arm)!.estimate;
			expect(html).toContain(`${arm} — reader-averaged wAFROC ${mean.toFixed(3)} (3 readers)`);
		}
		expect(html).toContain('detector 2.0 — standalone wAFROC 0.500');
		expect(html).toContain('The black line is the standalone FROC curve of detector 2.0.');
		expect(html).toContain('All lesions — AP 0.650 (95% CI 0.400–0.900)');
		expect(html).toContain('Figure 1d.');
	});

	it('leaves the AI out when it has no lesion-level standalone, and draws nothing without curves', () => {
		const html = lesionCurveFigures(input({}));
		expect(html).toContain('froc-curves');
		expect(html).not.toContain('standalone');
		expect(html).not.toContain('precision-recall');
		expect(lesionCurveFigures(input({ lesions: { missing: 'no files' } }))).toBe('');
	});

	it('draws them with Chinese captions and labels in the Chinese report', () => {
		const html = lesionCurveFigures(input({ lesionAi: AI }, 'zh'));
		expect(html).toContain('<h4>病灶水平曲线</h4>');
		expect(html).toContain('图 1b. 各组经验 FROC 曲线');
		expect(html).toContain('detector 2.0 — 独立运行 wAFROC 0.500');
		expect(html).toContain('全部病灶 — AP 0.650');
		const runs = englishRuns(visibleHtmlText(html), [ARMS.reference, ARMS.test]);
		expect(runs, JSON.stringify(runs)).toEqual([]);
	});
});
