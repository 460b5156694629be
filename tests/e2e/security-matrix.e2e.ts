// The security matrix: every route, data request, endpoint and form action of the app (read from
// src/routes, so a new one is covered without anyone adding it) × every role and the anonymous
// visitor, against the access policy written down below — independently of the guard's own table.
// A role outside an area is refused (403, or 404 where a service decides), the anonymous visitor
// is sent to sign in, nobody meets a 500, encoded spellings of a path get nobody further, a
// cross-origin form post is refused for every action, and none of the refused posts changed a row.
// The rest of the suite lives beside it: forbidden content per role in role-probe.e2e.ts and
// blinding.e2e.ts, the `next` redirect and headers in hardening.e2e.ts, the role-grant and
// registration rules in role-separation.e2e.ts, writes after the lock in study-closed.e2e.ts.
import {
	expect,
	test,
	type APIRequestContext,
	type APIResponse,
	type Browser
} from '@playwright/test';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, onPostgres, query } from './database.fixture';
import { DEMO, signIn } from './session.fixture';
import { discoverRoutes } from './routes.fixture';

type Role =
	| 'reader'
	| 'coordinator'
	| 'sponsor'
	| 'statistician'
	| 'evaluator'
	| 'admin'
	| 'annotator'
	| 'adjudicator';
type Visitor = Role | 'anonymous';

const ACCOUNTS: Record<Role, string> = {
	reader: DEMO.readerA1,
	coordinator: DEMO.coordinatorA,
	sponsor: DEMO.sponsor,
	statistician: DEMO.statistician,
	evaluator: DEMO.evaluator,
	admin: DEMO.admin,
	annotator: DEMO.annotator1,
	adjudicator: DEMO.adjudicator
};
const ROLES = Object.keys(ACCOUNTS) as Role[];

/**
 * Who may open what, first match wins (the demo study is not unblinded yet). A study's analysis
 * page shows its sponsor where lock → export → release stand (its content is probed in
 * role-probe.e2e.ts); everything else under /analysis is for analysts. Anything not listed is open
 * to every signed-in person; `/login` is open to everyone.
 */
const POLICY: ReadonlyArray<readonly [path: RegExp, roles: readonly Role[]]> = [
	[/^\/admin(\/|$)/, ['admin']],
	[/^\/(api\/)?monitor(\/|$)/, ['sponsor', 'admin']],
	[/^\/site(\/|$)/, ['coordinator', 'admin']],
	[
		/^\/analysis\/(?!__data\.json)[^/]+(\/__data\.json)?$/,
		['statistician', 'evaluator', 'admin', 'sponsor']
	],
	[/^\/analysis(\/|$)/, ['statistician', 'evaluator', 'admin']],
	[/^\/(api\/)?reads?(\/|$)/, ['reader']],
	// The reference standard's workstations: their annotators and adjudicators only.
	[/^\/(api\/)?annotate(\/|$)/, ['annotator']],
	[/^\/(api\/)?adjudicate(\/|$)/, ['adjudicator']]
];
// Signing in and out, invitations, and the health probes a load balancer asks (names of checks only).
const PUBLIC = /^\/(log(in|out)|invite|healthz|readyz)(\/|$)/;
/** Form actions are stricter than the pages they sit on: no sponsor acts in the analysis pipeline. */
const ACTION_POLICY: ReadonlyArray<readonly [path: RegExp, roles: readonly Role[]]> = [
	[/^\/analysis(\/|$)/, ['statistician', 'evaluator', 'admin']],
	...POLICY
];

type Expectation = 'open' | 'refused' | 'sign-in';
/** An invitation link's token that no invitation has: its page is public and says nothing. */
const INVITE_TOKEN = 'm'.repeat(43);

function expectationFor(visitor: Visitor, path: string, policy = POLICY): Expectation {
	if (PUBLIC.test(path)) return 'open';
	if (visitor === 'anonymous') return 'sign-in';
	const area = policy.find(([pattern]) => pattern.test(path));
	return !area || area[1].includes(visitor) ? 'open' : 'refused';
}

/** Every concrete request to probe: each pattern with its parameters filled from the demo study. */
function probes(assignment: string): Array<{ url: string; methods: string[] }> {
	return discoverRoutes().flatMap((route) => {
		const url = route.pattern
			.replace('[slug]', 'demo-crossover')
			.replace('[assignment=assignment]', assignment)
			.replace('[read=id]', '1')
			.replace('[task=id]', '1')
			.replace('[case=id]', '1')
			.replace('[n=positive]', '1')
			.replace('[format]', 'html')
			.replace('[id]', '1')
			.replace('[...file]', 'reads.csv')
			.replace('[token]', INVITE_TOKEN);
		return route.kind === 'page'
			? [
					{ url, methods: ['GET'] },
					{ url: `${url.replace(/\/$/, '')}/__data.json`, methods: ['GET'] }
				]
			: [{ url, methods: route.methods }];
	});
}

async function sessions(browser: Browser): Promise<Record<Visitor, APIRequestContext>> {
	const contexts = {} as Record<Visitor, APIRequestContext>;
	contexts.anonymous = (await browser.newContext()).request;
	for (const role of ROLES) {
		const context = await browser.newContext();
		await signIn(await context.newPage(), ACCOUNTS[role]);
		contexts[role] = context.request;
	}
	return contexts;
}

/** The application's tables (not the migrations' bookkeeping, nor PostgreSQL's job queue). */
const SQLITE_TABLES =
	"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'";
const PG_TABLES =
	"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";

/**
 * Row counts of every table a refused write could touch: not the audit (its rows and the checkpoints
 * a timer signs), sessions, throttle or AI.
 */
async function rowCounts(): Promise<Record<string, number>> {
	const tables = (await query<{ name: string }>(onPostgres ? PG_TABLES : SQLITE_TABLES))
		.map(({ name }) => name)
		.filter(
			(name) => !/^(audit_events|audit_checkpoints|auth_sessions|login_throttle|ai_.*)$/.test(name)
		);
	const counts: Record<string, number> = {};
	for (const name of tables)
		counts[name] = (await query<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`))[0]!.n;
	return counts;
}

/**
 * One form that every action accepts as well-formed, so a refusal comes from the access check and
 * not from the input's validation.
 */
const VALID_FORM = {
	study: 'demo-crossover',
	site: 'site-a',
	email: 'matrix.new@x.org',
	name: 'Matrix Person',
	password: 'matrix password 123',
	repeat: 'matrix password 123',
	confirm: 'yes',
	years: '5',
	specialty: 'radiology',
	training: '2026-01-01',
	reason: 'matrix probe',
	query: '1',
	answer: 'matrix answer',
	targetType: 'reader',
	targetId: '1',
	question: 'matrix question',
	review: '1',
	decision: 'cleared',
	note: '',
	export: '1',
	sha256: '0'.repeat(64),
	meaning: 'approved',
	job: '1',
	cause: 'external'
};

interface Answer {
	status: number;
	location?: string;
	/** A data request or a form post answered as JSON: SvelteKit's result type, its status, its target. */
	json?: { type?: string; status?: number; location?: string };
}

async function answerOf(response: APIResponse): Promise<Answer> {
	const answer: Answer = { status: response.status(), location: response.headers().location };
	if (response.headers()['content-type']?.includes('application/json')) {
		try {
			answer.json = (await response.json()) as Answer['json'];
		} catch {
			// not JSON after all: judged by status alone
		}
	}
	return answer;
}

/** A refusal or a sign-in redirect may come as a status, or (data requests, actions) as a JSON result. */
function checkAnswer(visitor: Visitor, expected: Expectation, where: string, answer: Answer) {
	const said = `${visitor} ${where} → ${answer.status} ${JSON.stringify(answer.json ?? '')}`.slice(
		0,
		400
	);
	const { status, json } = answer;
	expect(status, said).toBeLessThan(500);
	const failed = json?.type === 'error' || json?.type === 'failure' ? (json.status ?? 500) : 0;
	expect(failed, said).toBeLessThan(500);
	const location = json?.type === 'redirect' ? json.location : answer.location;
	const redirected = status === 303 || json?.type === 'redirect';
	const refusal = [401, 403, 404].includes(status) || [401, 403, 404].includes(failed);
	if (expected === 'sign-in') {
		if (where.includes(' /api/')) expect(status, said).toBe(401);
		else {
			expect(redirected, said).toBe(true);
			expect(location, said).toMatch(/^\/login\?next=/);
		}
	}
	if (expected === 'refused') {
		expect(refusal, said).toBe(true);
		expect(status === 401 || failed === 401, said).toBe(false);
	}
	if (expected === 'open') {
		expect([401, 403].includes(status) || [401, 403].includes(failed), said).toBe(false);
		if (redirected) expect(location ?? '', said).not.toMatch(/^\/(login|no-access)/);
	}
}

test('every route answers every role as the access policy says, and nobody meets a 500', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const assignment = (
		await readerAssignmentIds(E2E_STORE, DEMO.readerA1, { period: 1, limit: 1 })
	)[0]!;
	const api = await sessions(browser);
	const targets = probes(assignment);
	expect(targets.length).toBeGreaterThan(30);
	const seen = new Set<Expectation>();
	for (const visitor of ['anonymous', ...ROLES] as Visitor[]) {
		for (const { url, methods } of targets) {
			const expected = expectationFor(visitor, url);
			// The live stream never ends for those it serves; its refusals are probed.
			if (url.endsWith('/stream') && expected === 'open') continue;
			for (const method of methods) {
				const response = await api[visitor].fetch(url, {
					method,
					data: method === 'GET' ? undefined : { assignment, clientId: 'matrix-000001' },
					maxRedirects: 0
				});
				seen.add(expected);
				checkAnswer(visitor, expected, `${method} ${url}`, await answerOf(response));
			}
		}
	}
	expect([...seen].sort()).toEqual(['open', 'refused', 'sign-in']);
});

test('encoded spellings of a guarded path get no role further than the plain path', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const api = await sessions(browser);
	const guarded = [
		'/admin/studies',
		'/monitor/demo-crossover',
		'/site',
		'/analysis/demo-crossover',
		'/read'
	];
	const spellings = (path: string) => {
		const [first, ...rest] = path.slice(1);
		return [
			`/%${first!.charCodeAt(0).toString(16)}${rest.join('')}`,
			`/${first!.toUpperCase()}${rest.join('')}`,
			`/%2e/${path.slice(1)}`,
			`${path}/%2e%2e${path.slice(path.lastIndexOf('/'))}`,
			`${path}%2F`,
			`/${encodeURIComponent(encodeURIComponent(first!))}${rest.join('')}`
		];
	};
	for (const role of ROLES) {
		for (const path of guarded) {
			if (expectationFor(role, path) !== 'refused') continue;
			for (const spelling of spellings(path)) {
				const response = await api[role].get(spelling, { maxRedirects: 0 });
				const said = `${role} GET ${spelling} → ${response.status()}`;
				expect(response.status(), said).toBeGreaterThanOrEqual(300);
				expect(response.status(), said).toBeLessThan(500);
				if (response.status() < 400)
					expect(response.headers().location ?? '', said).not.toMatch(
						/^\/(admin|monitor|site|analysis|read)/i
					);
			}
		}
	}
});

test('every form action refuses the roles outside its area and changes nothing for them', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const api = await sessions(browser);
	const forms = discoverRoutes()
		// Signing in and out are everyone's; their own specs cover them.
		.filter((route) => route.actions.length > 0 && !['/login', '/logout'].includes(route.pattern))
		.flatMap((route) =>
			route.actions.map((action) => {
				const page = route.pattern
					.replace('[slug]', 'demo-crossover')
					.replace('[read=id]', '1')
					.replace('[token]', INVITE_TOKEN);
				return { page, url: action === 'default' ? page : `${page}?/${action}` };
			})
		);
	expect(forms.length).toBeGreaterThanOrEqual(10);
	const before = await rowCounts();
	let refused = 0;
	for (const visitor of ['anonymous', ...ROLES] as Visitor[]) {
		for (const { page, url } of forms) {
			const expected = expectationFor(visitor, page, ACTION_POLICY);
			if (expected === 'open') continue;
			const response = await api[visitor].post(url, {
				form: VALID_FORM,
				headers: { origin: baseURL! },
				maxRedirects: 0
			});
			checkAnswer(visitor, expected, `POST ${url}`, await answerOf(response));
			refused++;
		}
	}
	expect(refused).toBeGreaterThan(30);
	expect(await rowCounts()).toEqual(before);
});

test('a cross-origin post is refused for every form action and every write endpoint', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const api = await sessions(browser);
	const assignment = (
		await readerAssignmentIds(E2E_STORE, DEMO.readerA1, { period: 1, limit: 1 })
	)[0]!;
	const targets = discoverRoutes().flatMap((route) => {
		const page = route.pattern
			.replace('[slug]', 'demo-crossover')
			.replace('[read=id]', '1')
			.replace('[token]', INVITE_TOKEN)
			.replace('[assignment=assignment]', assignment);
		const actions = route.actions.map((action) => ({
			url: action === 'default' ? page : `${page}?/${action}`,
			method: 'POST',
			page
		}));
		const writes = route.methods
			.filter((method) => method !== 'GET')
			.map((method) => ({ url: page, method, page }));
		return [...actions, ...writes];
	});
	expect(targets.length).toBeGreaterThanOrEqual(14);
	const before = await rowCounts();
	for (const { url, method, page } of targets) {
		// As someone the page is open to, so only the origin stands between the post and the action.
		const visitor = ROLES.find((role) => expectationFor(role, page) === 'open') ?? 'admin';
		for (const contentType of [
			'application/x-www-form-urlencoded',
			'multipart/form-data',
			'text/plain'
		]) {
			const response = await api[visitor].fetch(url, {
				method,
				headers: { origin: 'https://evil.example', 'content-type': contentType },
				data:
					contentType === 'text/plain'
						? JSON.stringify({ assignment, clientId: 'cross-origin-1' })
						: 'email=x%40x.org&password=x',
				maxRedirects: 0
			});
			expect(
				response.status(),
				`${visitor} ${method} ${url} as ${contentType} from another origin`
			).toBe(403);
		}
	}
	expect(await rowCounts()).toEqual(before);
});
