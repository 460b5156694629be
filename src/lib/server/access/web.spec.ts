import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { serve } from './web';
import { AccessDenied, NotFound } from '../errors';

describe('serve', () => {
	it('turns a service error into the matching HTTP error, whether the call throws or its promise rejects', async () => {
		const thrown = (() => {
			try {
				return serve(() => {
					throw new NotFound('No such study.');
				});
			} catch (error) {
				return error;
			}
		})();
		expect(isHttpError(thrown, 404)).toBe(true);
		const rejected = await serve(async () => {
			throw new AccessDenied();
		}).catch((error: unknown) => error);
		expect(isHttpError(rejected, 403) && rejected.body.message).toBe(
			'You do not have access to this.'
		);
	});

	it('returns what the call returns and lets other errors through', async () => {
		expect(serve(() => 42)).toBe(42);
		await expect(serve(async () => 'report')).resolves.toBe('report');
		await expect(serve(async () => Promise.reject(new Error('disk full')))).rejects.toThrow(
			'disk full'
		);
	});
});
