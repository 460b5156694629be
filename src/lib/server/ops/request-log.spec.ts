// The request's log line: its fields and nothing else of the request (no cookie, Authorization
// header, body or query string), the request id taken from a proxy when well formed and echoed,
// and the status SvelteKit gives to what a later hook threw.
import { describe, expect, it } from 'vitest';
import { error, redirect, type RequestEvent, type ResolveOptions } from '@sveltejs/kit';
import { captureLog } from '$fixtures/log-capture.fixture';
import { requestIdFor, requestLogHandle, statusOfThrown } from './request-log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const SECRETS = {
	cookie: 'tandem_session=session-token-secret',
	authorization: 'Basic YWRtaW46YXV0aC1zZWNyZXQ=',
	password: 'password-secret-in-the-body',
	query: 'patient-name-in-the-query'
};

/** What the handle reads of a request event: a real Request, the matched route, the locals. */
function eventFor(
	options: { routeId: string | null; headers?: Record<string, string>; userId?: number },
	url = `http://localhost/login?next=${SECRETS.query}`
) {
	const request = new Request(url, {
		method: 'POST',
		headers: {
			cookie: SECRETS.cookie,
			authorization: SECRETS.authorization,
			'content-type': 'application/x-www-form-urlencoded',
			...options.headers
		},
		body: `email=a%40x.org&password=${SECRETS.password}`
	});
	const user = options.userId === undefined ? null : { id: options.userId };
	return {
		request,
		url: new URL(url),
		route: { id: options.routeId },
		locals: { user } as unknown as App.Locals
	} as unknown as RequestEvent;
}

async function handled(
	event: RequestEvent,
	answer: (event: RequestEvent) => Response | Promise<Response>
) {
	const log = captureLog();
	const handle = requestLogHandle(() => log.logger.child({ area: 'http' }));
	const resolve = async (resolved: RequestEvent, _options?: ResolveOptions) => answer(resolved);
	const outcome = await Promise.resolve()
		.then(() => handle({ event, resolve }))
		.then(
			(response: Response) => ({ response, thrown: undefined }),
			(thrown: unknown) => ({ response: undefined, thrown })
		);
	return { ...outcome, log };
}

describe('the request id', () => {
	it("keeps a proxy's well-formed X-Request-Id and makes a UUID otherwise", () => {
		for (const kept of ['abc123', 'f3b1c2d4-0e8a-4c1b-9b7e-2a6f5d9c8e71', 'req.42:edge-7_a'])
			expect(requestIdFor(kept)).toBe(kept);
		for (const refused of [
			null,
			'',
			'has space',
			'line\nbreak',
			'{"json":1}',
			'-leading-dash',
			'x'.repeat(129),
			'ünïcode'
		])
			expect(requestIdFor(refused), String(refused)).toMatch(UUID);
		expect(requestIdFor(null)).not.toBe(requestIdFor(null));
	});
});

describe('the request line', () => {
	it('says when, which request, method, route id, status, duration and user; it echoes the id', async () => {
		const event = eventFor({
			routeId: '/(auth)/login',
			userId: 7,
			headers: { 'x-request-id': 'edge-42' }
		});
		const { response, log } = await handled(event, () => new Response('ok', { status: 200 }));
		expect(response!.headers.get('X-Request-Id')).toBe('edge-42');
		expect(event.locals.requestId).toBe('edge-42');
		const entries = log.entries();
		expect(entries).toHaveLength(1);
		const entry = entries[0]!;
		expect(Object.keys(entry).sort()).toEqual(
			[
				...['area', 'durationMs', 'hostname', 'level', 'method', 'msg', 'pid'],
				...['requestId', 'route', 'status', 'time', 'userId']
			].sort()
		);
		expect(entry).toMatchObject({
			level: 'info',
			area: 'http',
			requestId: 'edge-42',
			method: 'POST',
			route: '/(auth)/login',
			status: 200,
			userId: 7,
			msg: 'POST /(auth)/login 200'
		});
		expect(entry.durationMs).toEqual(expect.any(Number));
		expect(entry.durationMs as number).toBeGreaterThanOrEqual(0);
		expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('writes no cookie, Authorization header, password, query string or body, even when the route read them', async () => {
		const event = eventFor({ routeId: '/(auth)/login' });
		const { log } = await handled(event, async (resolved) => {
			await resolved.request.text(); // the route reads the body, as the login form does
			return new Response(null, { status: 303, headers: { location: '/read' } });
		});
		const written = log.lines.join('');
		for (const secret of Object.values(SECRETS)) expect(written).not.toContain(secret);
		expect(written).not.toContain('session-token');
		expect(written).not.toContain('?next');
		expect(log.entries()[0]).toMatchObject({ status: 303, route: '/(auth)/login' });
		expect(log.entries()[0]).not.toHaveProperty('userId');
	});

	it('logs what a later hook threw with the status SvelteKit answers with, and throws it on', async () => {
		const redirected = await handled(eventFor({ routeId: '/(admin)/admin' }), () =>
			redirect(303, '/login?next=%2Fadmin')
		);
		expect(redirected.thrown).toMatchObject({ status: 303 });
		const refused = await handled(eventFor({ routeId: '/(admin)/admin', userId: 3 }), () =>
			error(403, 'Your role does not give access to this page.')
		);
		expect(refused.thrown).toMatchObject({ status: 403 });
		const crashed = await handled(eventFor({ routeId: null }), () => {
			throw new TypeError('a bug');
		});
		expect(crashed.thrown).toBeInstanceOf(TypeError);
		expect(redirected.log.entries()[0]).toMatchObject({ status: 303, level: 'info' });
		expect(refused.log.entries()[0]).toMatchObject({ status: 403, userId: 3 });
		expect(crashed.log.entries()[0]).toMatchObject({ status: 500, level: 'error', route: null });
		expect(statusOfThrown(new Error('x'))).toBe(500);
	});

	it('keeps a healthy probe at debug level; a failing one is an error, as every 5xx', async () => {
		const probe = { routeId: '/readyz', headers: {} };
		const fine = await handled(eventFor(probe, 'http://localhost/readyz'), () =>
			Response.json({ status: 'ready' })
		);
		const down = await handled(eventFor(probe, 'http://localhost/readyz'), () =>
			Response.json({ status: 'not ready' }, { status: 503 })
		);
		expect(fine.log.entries()[0]).toMatchObject({ level: 'debug', status: 200, route: '/readyz' });
		expect(down.log.entries()[0]).toMatchObject({ level: 'error', status: 503 });
	});
});
