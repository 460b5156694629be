import { describe, expect, it } from 'vitest';
import { isActionFailure, isRedirect, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { attempt, formAction } from './form-action';
import { Conflict, NotFound } from '../errors';

const post = (fields: Record<string, string>) => ({
	request: new Request('http://localhost/x', { method: 'POST', body: new URLSearchParams(fields) })
});
const later = <T>(value: () => T) =>
	new Promise<T>((resolve, reject) =>
		setTimeout(() => {
			try {
				resolve(value());
			} catch (error) {
				reject(error);
			}
		}, 1)
	);

describe('attempt', () => {
	it('awaits the service: an error it raises later becomes a fail() with its status', async () => {
		const result = await attempt(() =>
			later(() => {
				throw new Conflict('The study is locked.');
			})
		);
		expect(isActionFailure(result)).toBe(true);
		expect(result).toMatchObject({ status: 409, data: { message: 'The study is locked.' } });
	});

	it('returns what the call returns, sends the echo back with a failure, and lets other errors through', async () => {
		await expect(attempt(async () => ({ ok: true }))).resolves.toEqual({ ok: true });
		expect(
			await attempt(
				() => {
					throw new NotFound('No such query.');
				},
				{ action: 'answer' }
			)
		).toMatchObject({ status: 404, data: { action: 'answer', message: 'No such query.' } });
		await expect(
			attempt(() =>
				later(() => {
					throw new Error('disk full');
				})
			)
		).rejects.toThrow('disk full');
	});
});

describe('formAction', () => {
	const form = z.object({
		study: z.string().min(1),
		reason: z.string().trim().min(1, { error: 'Give a reason.' })
	});

	it('runs the service with the parsed form, and turns its async errors into a fail()', async () => {
		const action = formAction(form, async (input) => ({ done: `${input.study}: ${input.reason}` }));
		expect(await action(post({ study: 'demo', reason: ' audit ' }))).toEqual({
			done: 'demo: audit'
		});
		const refused = formAction(
			form,
			() =>
				later(() => {
					throw new Conflict('The study is locked.');
				}),
			{ echo: { action: 'lock' } }
		);
		expect(await refused(post({ study: 'demo', reason: 'audit' }))).toMatchObject({
			status: 409,
			data: { action: 'lock', message: 'The study is locked.' }
		});
	});

	it('answers an invalid form with fail(400) naming the field, and never calls the service', async () => {
		let called = false;
		const action = formAction(form, () => (called = true), {
			echo: (raw) => ({ action: 'lock', study: String(raw.study ?? '') })
		});
		expect(await action(post({ study: 'demo', reason: '  ' }))).toMatchObject({
			status: 400,
			data: { action: 'lock', study: 'demo', field: 'reason', message: 'Give a reason.' }
		});
		const worded = formAction(form, () => (called = true), {
			invalid: () => 'reason: a lock needs a reason'
		});
		expect(await worded(post({ study: 'demo' }))).toMatchObject({
			status: 400,
			data: { field: 'reason', message: 'reason: a lock needs a reason' }
		});
		expect(called).toBe(false);
	});

	it('lets a redirect from the service through', async () => {
		const action = formAction(form, () => redirect(303, '/done'));
		const thrown = await action(post({ study: 'demo', reason: 'audit' })).catch(
			(error: unknown) => error
		);
		expect(isRedirect(thrown)).toBe(true);
	});
});
