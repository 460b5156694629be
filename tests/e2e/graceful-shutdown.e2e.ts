// Operating the built server: its health probes, its request log and its graceful stop. The shared
// e2e server cannot be stopped, so this file runs the built app (build/index.js, which the e2e
// server's start has built) on its own port, on a copy of the e2e data folder, and reads its stdout.
// A request whose body is still arriving when SIGTERM comes is answered in full; meanwhile the
// server takes no new connection; then the background services and the database stop, each step
// logged, the process exits 0 and the database is left whole, with no write-ahead log behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { E2E_DATABASE, onPostgres } from './database.fixture';
import { DEMO, DEMO_PASSWORD } from './session.fixture';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 60;
const BASE = `http://localhost:${PORT}`;
const FOLDER = 'test-results/e2e-shutdown';
const DATABASE = join(FOLDER, 'tandem.db');

// SQLite's own stop (a database left whole, no write-ahead log behind) on a copy of its file; the
// PostgreSQL shutdown is covered by src/lib/server/ops/server-lifecycle.spec.ts (PostgreSQL pass).
test.skip(onPostgres, 'copies and checks the SQLite file of the SQLite run');

interface Running {
	child: ChildProcess;
	stdout: string[];
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The e2e data folder copied (the database through SQLite's backup, as it is in use). */
async function copyDataFolder(): Promise<void> {
	rmSync(FOLDER, { recursive: true, force: true });
	mkdirSync(FOLDER, { recursive: true });
	cpSync(dirname(E2E_DATABASE), FOLDER, {
		recursive: true,
		filter: (source) => !/tandem\.db(-wal|-shm)?$/.test(source) && !source.endsWith('build.log')
	});
	const source = new Database(E2E_DATABASE, { readonly: true });
	try {
		await source.backup(DATABASE);
	} finally {
		source.close();
	}
}

function startBuiltServer(): Running {
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			ORIGIN: BASE,
			TANDEM_DB: DATABASE,
			TANDEM_SCORING: 'on',
			TANDEM_INFERENCE_THREADS: '1',
			TANDEM_LOG_LEVEL: 'debug'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const stdout: string[] = [];
	let partial = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		const lines = (partial + chunk).split('\n');
		partial = lines.pop()!;
		stdout.push(...lines);
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	return { child, stdout, exited };
}

/** A POST /login whose body arrives in two halves; `between` runs once the first half is sent. */
function slowSignIn(
	requestId: string,
	between: () => Promise<void>
): Promise<{ status: number; body: string }> {
	const body = new URLSearchParams({ email: 'nobody@x.org', password: 'not the password' })
		.toString()
		.padEnd(4_000, '&');
	return new Promise((resolve, reject) => {
		const request = httpRequest(`${BASE}/login`, {
			method: 'POST',
			headers: {
				origin: BASE,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': Buffer.byteLength(body),
				'x-request-id': requestId
			}
		});
		request.once('error', reject);
		request.once('response', (response) => {
			let text = '';
			response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
			response.once('end', () => resolve({ status: response.statusCode!, body: text }));
		});
		request.write(body.slice(0, 2_000));
		void between().then(
			() => request.end(body.slice(2_000)),
			(error: unknown) => {
				request.destroy();
				reject(error as Error);
			}
		);
	});
}

async function signInCookie(): Promise<string> {
	const response = await fetch(`${BASE}/login`, {
		method: 'POST',
		// As a browser posts the form without script: the answer is a redirect, not SvelteKit's JSON.
		headers: {
			origin: BASE,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: DEMO.readerA1, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	const cookie = response.headers.getSetCookie().find((line) => line.startsWith('tandem_session='));
	expect(cookie).toBeDefined();
	return cookie!.split(';')[0]!;
}

const entries = (stdout: string[]) =>
	stdout
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Record<string, unknown>);

test('the built server answers its probes, logs each request, and stops gracefully on SIGTERM', async () => {
	test.setTimeout(240_000);
	await copyDataFolder();
	const server = startBuiltServer();
	let cookie: string | undefined;
	try {
		await expect
			.poll(
				() =>
					fetch(`${BASE}/readyz`).then(
						(r) => r.status,
						() => 0
					),
				{
					timeout: 120_000,
					intervals: [250]
				}
			)
			.toBe(200);

		// The probes: public, small, names only; the request id echoed.
		const live = await fetch(`${BASE}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
		expect(live.status).toBe(200);
		expect(live.headers.get('x-request-id')).toBe('probe-1');
		expect(await live.json()).toEqual({ status: 'ok' });
		const ready = await fetch(`${BASE}/readyz`);
		expect(await ready.json()).toEqual({
			status: 'ready',
			checks: { database: 'ok', migrations: 'ok', settings: 'ok', images: 'ok', server: 'ok' },
			failing: []
		});
		expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

		// A signed-in request with a cookie and an Authorization header: its line has the user only.
		cookie = await signInCookie();
		const worklist = await fetch(`${BASE}/read`, {
			headers: { cookie, authorization: 'Bearer e2e-authorization-secret', 'x-request-id': 'wl-1' },
			redirect: 'manual'
		});
		expect(worklist.status).toBe(200);

		// SIGTERM while a request's body is still coming: it is answered; no new connection is taken.
		let refusedMeanwhile = false;
		const slow = await slowSignIn('slow-1', async () => {
			await sleep(300);
			server.child.kill('SIGTERM');
			await sleep(500);
			refusedMeanwhile = await fetch(`${BASE}/healthz`).then(
				() => false,
				() => true
			);
		});
		expect(slow.status).toBe(400);
		expect(slow.body).toContain('</html>');
		expect(refusedMeanwhile).toBe(true);
		expect(await server.exited).toEqual({ code: 0, signal: null });
		// Closed cleanly: its write-ahead log folded back into the file (before anything opens it).
		expect(existsSync(`${DATABASE}-wal`)).toBe(false);
	} finally {
		if (server.child.exitCode === null) server.child.kill('SIGKILL');
	}

	// Every line is JSON but adapter-node's own "Listening on".
	expect(server.stdout.filter((line) => line && !line.startsWith('{'))).toEqual([
		expect.stringMatching(/^Listening on /)
	]);
	const logged = entries(server.stdout);
	const requestLine = (requestId: string) => logged.find((entry) => entry.requestId === requestId);
	expect(requestLine('probe-1')).toMatchObject({
		level: 'debug',
		method: 'GET',
		route: '/healthz',
		status: 200
	});
	const users = new Database(DATABASE, { readonly: true });
	const readerId = users.prepare('SELECT id FROM users WHERE email = ?').pluck().get(DEMO.readerA1);
	users.close();
	expect(requestLine('wl-1')).toMatchObject({
		level: 'info',
		method: 'GET',
		route: '/(reader)/read',
		status: 200,
		userId: readerId
	});
	expect(requestLine('slow-1')).toMatchObject({
		method: 'POST',
		route: '/(auth)/login',
		status: 400
	});
	expect(requestLine('slow-1')!.durationMs as number).toBeGreaterThan(500);
	const all = server.stdout.join('\n');
	for (const secret of [cookie!.split('=')[1]!, 'e2e-authorization-secret', DEMO_PASSWORD])
		expect(all).not.toContain(secret);
	expect(all).not.toContain('not the password');

	// The stop, in order, after the slow request's line.
	const steps = logged.filter((entry) => entry.area === 'server').map((entry) => entry.msg);
	expect(steps).toEqual([
		'started: database open, background services running',
		'SIGTERM: taking no new connections; waiting for the requests under way to finish',
		'requests finished; stopping the background services',
		'checkpoint timer stopped',
		'background scoring stopped',
		'inference pool closed',
		'database closed',
		'stopped'
	]);
	const at = (message: string) => logged.findIndex((entry) => entry.msg === message);
	expect(logged.indexOf(requestLine('slow-1')!)).toBeLessThan(
		at('requests finished; stopping the background services')
	);

	// The database passes SQLite's full check.
	const db = new Database(DATABASE, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
	} finally {
		db.close();
	}
});
