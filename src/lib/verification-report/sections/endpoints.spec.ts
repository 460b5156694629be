// The report's endpoint table prints, beside each decision, the p of the declared test with the
// bound it is computed against; the two-sided p of no difference is a separate, named column.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { endpointTable } from './endpoints';

const analysis = analyzeTrial({
	reads: referenceRows('vandyke.csv'),
	readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: 'all' })),
	cases: [],
	arms: { test: '2', reference: '1' },
	endpoints: [
		{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 },
		{ group: 'secondary', metric: 'auc', hypothesis: 'superiority', alpha: 0.025 }
	],
	strata: []
});
const [nonInferiority, superiority] = analysis.endpoints as [EndpointResult, EndpointResult];
const html = (blinded: boolean) =>
	endpointTable({ analysis, arms: analysis.arms, blinded, lang: 'en' });
const rows = (text: string) =>
	[...text.matchAll(/<tr>(.*?)<\/tr>/gs)].map((match) =>
		[...match[1]!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/gs)].map((cell) => cell[1]!)
	);

describe('the report’s endpoint table', () => {
	const [head, first, second] = rows(html(false)) as [string[], string[], string[]];
	const column = (name: RegExp) => head.findIndex((cell) => name.test(cell));

	it('names both p columns: the declared test’s and the two-sided test of no difference', () => {
		expect(head).toContain('p, declared test (one-sided)');
		expect(head).toContain('p, Δ = 0 (two-sided)');
		expect(column(/declared/)).toBe(column(/Decision/) - 1);
	});

	it('prints the one-sided p vs −δ beside a met non-inferiority: 0.0002, not the two-sided 0.0517', () => {
		expect(nonInferiority.declared.p).toBeCloseTo(0.000194884, 8);
		expect(first[column(/declared/)]).toBe(
			'<span class="num">0.0002</span> <span class="small">one-sided p vs −0.05</span>'
		);
		expect(first[column(/two-sided/)]).toBe('0.0517');
		expect(first[column(/Decision/)]).toContain('>Met<');
	});

	it('prints the one-sided p vs 0 beside a superiority not met at α 0.025: 0.0258', () => {
		expect(superiority.met).toBe(false);
		expect(second[column(/declared/)]).toContain('0.0258');
		expect(second[column(/declared/)]).toContain('one-sided p vs 0');
		expect(second[column(/Decision/)]).toContain('Not met');
	});

	it('withholds the declared test’s p with the decision while blinded', () => {
		const [blindHead, blindFirst] = rows(html(true)) as [string[], string[]];
		const declared = blindHead.findIndex((cell) => /declared/.test(cell));
		expect(blindFirst[declared]).toBe('<em>withheld until unblinding</em>');
		expect(blindFirst[blindHead.indexOf('p, Δ = 0 (two-sided)')]).toBe('0.0517');
	});
});
