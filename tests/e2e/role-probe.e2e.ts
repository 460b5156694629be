// Every route and endpoint in src/routes, requested as a reader (READ-1) and as a sponsor (SEC-1): no truth anywhere, no
// other reader's data, no AI output for an unaided assignment, nothing of another reader's
// assignments. The route list is read from the file system, so a new route is probed too.
// The AI check is only worth something if there is AI output to leak and the probe would see it:
// every probed case is scored first, and the same detector must find the markers in the aided read.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE } from './database.fixture';
import { signIn } from './session.fixture';
import { discoverRoutes } from './routes.fixture';

const READER = 'reader.b2@demo.example.org';
const OTHERS = [
	'reader.a1@demo.example.org',
	'reader.c1@demo.example.org',
	'Dr. Ada Reader',
	'Dr. Chen Reader'
];
const TRUTH = [
	...readFileSync('studies/demo-crossover/truth.csv', 'utf8')
		.split('\n')[0]!
		.split(',')
		.filter((column) => column !== 'case_id'),
	'reference_truth',
	'truth'
];
const AI_OUTPUT = ['heatmap', 'threshold', '"score"', 'outputsha', 'output_sha'];
/** What a finished AI view carries (the hash markers guard against raw result rows, which no view holds). */
const AI_VIEW_MARKERS = ['heatmap', 'threshold', '"score"'];

/** The AI output markers found in a response, as the probe looks for them. */
function aiMarkersIn(text: string): string[] {
	const lower = text.toLowerCase();
	return AI_OUTPUT.filter((marker) => lower.includes(marker));
}

type Assignments = { unaided: string; aided: string; period2: string };

/** Unread assignments of a reader whose cases the model has already scored, or undefined while there are none. */
async function scoredAssignmentsOf(email: string): Promise<Assignments | undefined> {
	const pick = async (filter: { period: number; arm?: string }) =>
		(
			await readerAssignmentIds(E2E_STORE, email, {
				...filter,
				unread: true,
				scored: true,
				limit: 1
			})
		)[0];
	const picked = {
		unaided: await pick({ period: 1, arm: 'unaided' }),
		aided: await pick({ period: 1, arm: 'aided' }),
		period2: await pick({ period: 2 })
	};
	return picked.unaided && picked.aided && picked.period2 ? (picked as Assignments) : undefined;
}

/** The server scores the demo study in the background after it starts: wait for cases to probe. */
async function assignmentsOf(email: string): Promise<Assignments> {
	for (let waited = 0; waited < 200_000; waited += 1_000) {
		const picked = await scoredAssignmentsOf(email);
		if (picked) return picked;
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
	throw new Error(
		`no scored unread assignments of ${email} in each arm and period after 200 s of background scoring`
	);
}

/** Concrete URLs for a pattern: every parameter filled with the cases that matter. */
function urlsFor(
	pattern: string,
	mine: Assignments,
	theirs: Assignments
): Array<{ url: string; assignment?: 'unaided' | 'aided' | 'period2' | 'other' }> {
	if (pattern.includes('[assignment=assignment]')) {
		const fill = (id: string) =>
			pattern.replace('[assignment=assignment]', id).replace('[n=positive]', '1');
		return [
			{ url: fill(mine.unaided), assignment: 'unaided' },
			{ url: fill(mine.aided), assignment: 'aided' },
			{ url: fill(mine.period2), assignment: 'period2' },
			{ url: fill(theirs.unaided), assignment: 'other' },
			{ url: fill(theirs.aided), assignment: 'other' }
		];
	}
	const fill = (format: string) =>
		pattern
			.replace('[slug]', 'demo-crossover')
			.replace('[n=positive]', '1')
			.replace('[format]', format)
			.replace('[id]', '1')
			.replace('[read=id]', '1')
			.replace('[...file]', 'reads.csv');
	return pattern.includes('[format]')
		? [{ url: fill('html') }, { url: fill('pdf') }]
		: [{ url: fill('') }];
}

async function request(api: APIRequestContext, method: string, url: string) {
	const body = {
		assignment:
			url.split('/').find((part) => /^[a-z2-7]{26}$/.test(part)) ?? 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
		clientId: 'probe-0000001',
		decision: 1,
		confidence: 50
	};
	const response = await api.fetch(url, {
		method,
		data: method === 'GET' ? undefined : body,
		maxRedirects: 0
	});
	return { status: response.status(), text: (await response.body()).toString('latin1') };
}

test('a reader reaches nothing they must not see, on any route', async ({ page }) => {
	test.setTimeout(300_000);
	const mine = await assignmentsOf(READER);
	const theirs = await assignmentsOf('reader.c2@demo.example.org');
	await signIn(page, READER);

	// Positive control first: the aided read of a scored case carries the AI output, and the
	// detector used below finds every marker a finished AI view has. Without this, the unaided
	// checks would pass just as well on a server that sends AI output in a form the probe misses.
	const aided = await request(page.request, 'GET', `/read/${mine.aided}/__data.json`);
	expect(aided.status).toBe(200);
	expect(aided.text).toContain('"withAi"');
	expect(aiMarkersIn(aided.text), 'the probe sees the AI output of an aided read').toEqual(
		AI_VIEW_MARKERS
	);
	// The unaided read of a case scored just as well is served in full, without any of them.
	const unaided = await request(page.request, 'GET', `/read/${mine.unaided}/__data.json`);
	expect(unaided.status).toBe(200);
	expect(unaided.text).toContain('"withAi"');
	expect(aiMarkersIn(unaided.text)).toEqual([]);

	const routes = discoverRoutes();
	expect(routes.length).toBeGreaterThan(10);
	let probed = 0;
	for (const route of routes) {
		for (const { url, assignment } of urlsFor(route.pattern, mine, theirs)) {
			const targets =
				route.kind === 'page'
					? [
							['GET', url],
							['GET', `${url.replace(/\/$/, '')}/__data.json`]
						]
					: route.methods
							.filter(
								(method) =>
									method !== 'POST' || !url.includes('/api/reads') || assignment !== 'unaided'
							)
							.map((method) => [method, url]);
			for (const [method, target] of targets) {
				const { status, text } = await request(page.request, method!, target!);
				probed++;
				const where = `${method} ${target} (${status})`;
				const lower = text.toLowerCase();
				for (const marker of TRUTH)
					expect(lower, `${where} shows truth "${marker}"`).not.toContain(marker.toLowerCase());
				for (const other of OTHERS)
					expect(text, `${where} shows another reader`).not.toContain(other);
				if (assignment === 'unaided' || assignment === 'other' || assignment === 'period2') {
					expect(aiMarkersIn(text), `${where} shows AI output`).toEqual([]);
				}
				// A client-rendered page's HTML shell carries no data; its __data.json and the endpoints must refuse.
				const shell = route.kind === 'page' && !target!.endsWith('__data.json');
				// SvelteKit answers a data request whose load failed with 200 and an error node.
				const refused = status >= 400 || /"type":"error"/.test(text);
				if (assignment === 'period2' && !shell)
					expect(refused, `${where} opens a period before its washout`).toBe(true);
				if (assignment === 'other' && !shell) {
					expect(refused, `${where} opens another reader's assignment`).toBe(true);
					expect(text, `${where} says more than "not found"`).not.toMatch(/"status":(200|409)/);
				}
			}
		}
	}
	expect(probed).toBeGreaterThanOrEqual(40);
});

// Efficacy as data: keys and values that only an analysis or the truth would carry.
const EFFICACY = [
	'"auc"',
	'"sensitivity"',
	'"specificity"',
	'"accuracy"',
	'"truth"',
	'"score"',
	'"confidence"',
	'"decision"',
	'reference_truth',
	'lesion_size',
	'heatmap'
];

test('a sponsor finds no efficacy figure on any route before unblinding', async ({ page }) => {
	await signIn(page, 'sponsor@demo.example.org');
	const mine = await assignmentsOf(READER);
	const routes = discoverRoutes();
	let probed = 0;
	for (const route of routes) {
		for (const { url } of urlsFor(route.pattern, mine, mine)) {
			const targets =
				route.kind === 'page'
					? [
							['GET', url],
							['GET', `${url.replace(/\/$/, '')}/__data.json`]
						]
					: route.methods.map((method) => [method, url]);
			for (const [method, target] of targets) {
				if (target!.includes('/stream')) continue; // the event stream is checked below (it never ends)
				const { status, text } = await request(page.request, method!, target!);
				probed++;
				for (const marker of EFFICACY)
					expect(
						text.toLowerCase(),
						`${method} ${target} (${status}) carries ${marker}`
					).not.toContain(marker);
			}
		}
	}
	expect(probed).toBeGreaterThan(30);
	// The live stream's first snapshot carries counts only.
	const first = await page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const source = new EventSource('/api/monitor/demo-crossover/stream');
				source.addEventListener('snapshot', (event) => {
					source.close();
					resolve((event as MessageEvent<string>).data);
				});
			})
	);
	expect(JSON.parse(first).totals.total).toBeGreaterThan(0);
	for (const marker of EFFICACY) expect(first.toLowerCase()).not.toContain(marker);
});
