import { describe, expect, it } from 'vitest';
import { guardRoute } from './route-guard';
import type { Role } from '../db/schema';

const as = (...roles: Role[]) => new Set<Role>(roles);

describe('guardRoute', () => {
	it('keeps the analysis area to analysts, but lets a sponsor ask for a study analysis (the service decides)', () => {
		expect(guardRoute('/analysis', true, as('sponsor'))).toBe('forbidden');
		expect(guardRoute('/analysis/demo-crossover', true, as('sponsor'))).toBe('allowed');
		expect(guardRoute('/analysis/demo-crossover/report.pdf', true, as('sponsor'))).toBe('allowed');
		expect(guardRoute('/analysis/demo-crossover', true, as('reader'))).toBe('forbidden');
		expect(guardRoute('/analysis', true, as('evaluator'))).toBe('allowed');
		for (const path of [
			'/analysis/demo-crossover/reference-standard',
			'/analysis/demo-crossover/reference-standard/__data.json',
			'/analysis/demo-crossover/%72eference-standard'
		]) {
			expect(guardRoute(path, true, as('sponsor')), path).toBe('forbidden');
			expect(guardRoute(path, true, as('statistician')), path).toBe('allowed');
		}
		expect(guardRoute('/analysis/demo-crossover', true, as('admin'))).toBe('allowed');
	});

	it('sends the signed-out to the login page and leaves the login page public', () => {
		expect(guardRoute('/monitor', false, as())).toBe('login');
		expect(guardRoute('/login', false, as())).toBe('public');
		expect(guardRoute('/read', true, as('sponsor'))).toBe('forbidden');
	});

	it('leaves the health probes public to a load balancer, and nothing beside them', () => {
		expect(guardRoute('/healthz', false, as(), '/healthz')).toBe('public');
		expect(guardRoute('/readyz', false, as(), '/readyz')).toBe('public');
		expect(guardRoute('/readyz', true, as('reader'), '/readyz')).toBe('public');
		expect(guardRoute('/readyz/../admin', false, as())).toBe('login');
		expect(guardRoute('/healthz-admin', false, as())).toBe('login');
		expect(guardRoute('/api/healthz', false, as())).toBe('login');
	});

	it('guards the path as the router reads it, not as it is spelled', () => {
		for (const path of [
			'/%61dmin/studies',
			'/%61%64%6D%69%6E',
			'/adm%69n/studies/demo-crossover',
			'//admin/studies',
			'///admin',
			'/ADMIN/studies',
			'/Admin',
			'/admin/../admin/studies',
			'/admin/./studies',
			'/admin%2Fstudies',
			'/%2Fadmin/studies',
			'/%5Cadmin',
			'/%2561dmin',
			'/read/%2e%2e/admin',
			'/login/../admin',
			'/login/%2e%2e/admin/studies',
			'/_app/%2e%2e/admin'
		])
			expect(guardRoute(path, true, as('sponsor')), path).toBe('forbidden');
		expect(guardRoute('/%6Donitor', false, as())).toBe('login');
		expect(guardRoute('/login/..%2Fmonitor', false, as())).toBe('login');
		expect(guardRoute('/%E0%A4%A', true, as('sponsor'))).toBe('forbidden');
		expect(guardRoute('/%E0%A4%A', false, as())).toBe('login');
		expect(guardRoute('/%61dmin/studies', true, as('admin'))).toBe('allowed');
	});

	it('guards on the route the request matched, and on its path as well', () => {
		expect(guardRoute('/%61dmin/studies', true, as('sponsor'), '/(admin)/admin/studies')).toBe(
			'forbidden'
		);
		expect(guardRoute('/monitor', true, as('sponsor'), '/(admin)/admin/studies')).toBe('forbidden');
		expect(guardRoute('/admin/studies', true, as('sponsor'), '/(monitor)/monitor')).toBe(
			'forbidden'
		);
		expect(guardRoute('/analysis/demo', true, as('sponsor'), '/(analysis)/analysis/[slug]')).toBe(
			'allowed'
		);
		expect(guardRoute('/login', false, as(), '/(auth)/login')).toBe('public');
		expect(
			guardRoute(
				'/api/read/abc/images/1',
				true,
				as('sponsor'),
				'/api/read/[assignment=assignment]/images/[n=positive]'
			)
		).toBe('forbidden');
	});

	it('keeps the annotation workstation to annotators and the adjudication to adjudicators', () => {
		for (const path of [
			'/annotate',
			'/annotate/3',
			'/api/annotate/3/draft',
			'/api/annotate/3/images/1'
		])
			for (const role of ['admin', 'reader', 'adjudicator', 'statistician'] as const) {
				expect(guardRoute(path, true, as(role)), `${path} ${role}`).toBe('forbidden');
				expect(guardRoute(path, true, as('annotator')), path).toBe('allowed');
			}
		for (const path of ['/adjudicate', '/adjudicate/7', '/api/adjudicate/7/images/2'])
			for (const role of ['admin', 'reader', 'annotator', 'evaluator'] as const) {
				expect(guardRoute(path, true, as(role)), `${path} ${role}`).toBe('forbidden');
				expect(guardRoute(path, true, as('adjudicator')), path).toBe('allowed');
			}
		expect(guardRoute('/%61nnotate/3', true, as('reader'), '/(annotator)/annotate/[task=id]')).toBe(
			'forbidden'
		);
		expect(guardRoute('/read', true, as('annotator'))).toBe('forbidden');
		expect(guardRoute('/analysis', true, as('adjudicator'))).toBe('forbidden');
		expect(guardRoute('/api/reads', true, as('annotator'))).toBe('forbidden');
	});
});
