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
		expect(guardRoute('/analysis/demo-crossover', true, as('admin'))).toBe('allowed');
	});

	it('sends the signed-out to the login page and leaves the login page public', () => {
		expect(guardRoute('/monitor', false, as())).toBe('login');
		expect(guardRoute('/login', false, as())).toBe('public');
		expect(guardRoute('/read', true, as('sponsor'))).toBe('forbidden');
	});
});
