import { describe, expect, it } from 'vitest';
import { POST } from './+server';
import type { UserPrincipal } from '$lib/server/access/principal';
import { processStudy } from '$fixtures/process-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { sqlRows } from '$fixtures/sql.fixture';

// The submit route as the workstation's outbox calls it: the read, and with `?shown=` the next
// case it showed as the read was handed over (one request for both).
const study = processStudy('tandem-reads-route-');

async function post(reader: UserPrincipal, body: unknown, shown?: string) {
	const url = new URL(
		`http://localhost/api/reads${shown === undefined ? '' : `?shown=${encodeURIComponent(shown)}`}`
	);
	const response = await POST({
		params: {},
		url,
		request: new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		}),
		locals: { user: { id: reader.userId, email: reader.email, name: reader.name } }
	} as never);
	return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
}

/** The assignments (public ids) whose first serve is stamped. */
async function served(): Promise<string[]> {
	const rows = (await sqlRows(
		study.db,
		'SELECT a.public_id AS id FROM read_drafts d JOIN assignments a ON a.id = d.assignment_id WHERE d.first_served_at IS NOT NULL'
	)) as Array<{ id: string }>;
	return rows.map((row) => row.id).sort();
}

const readOf = (assignment: string, clientId: string) => ({
	assignment,
	clientId,
	decision: 1,
	confidence: 70
});

describe('POST /api/reads', () => {
	it('stores the read and stamps the first serve of the case shown with it', async () => {
		const [first, second] = await readerAssignments(study.db, study.readers[0]!.email, {
			period: 1
		});
		const before = await served();
		const { status, answer } = await post(
			study.readers[0]!,
			readOf(first!.id, 'reads-route-1'),
			second!.id
		);
		expect(status).toBe(201);
		expect(answer).toMatchObject({ readId: expect.any(Number), shown: true });
		expect(await served()).toEqual([...before, second!.id].sort());
		// Sent again (the answer was lost): stored once, and the first serve stays as it was.
		const again = await post(study.readers[0]!, readOf(first!.id, 'reads-route-1'), second!.id);
		expect(again).toMatchObject({ status: 200, answer: { readId: answer.readId, shown: true } });
	});

	it('answers without `shown` when none was sent', async () => {
		const [, , third] = await readerAssignments(study.db, study.readers[0]!.email, { period: 1 });
		const { status, answer } = await post(study.readers[0]!, readOf(third!.id, 'reads-route-2'));
		expect(status).toBe(201);
		expect(answer).not.toHaveProperty('shown');
	});

	it('stores the read but stamps nothing for a case not the reader’s, or not a case id: dealt with', async () => {
		const [, , , fourth] = await readerAssignments(study.db, study.readers[0]!.email, {
			period: 1
		});
		const [othersCase] = await readerAssignments(study.db, study.readers[1]!.email, { period: 1 });
		const before = await served();
		const { status, answer } = await post(
			study.readers[0]!,
			readOf(fourth!.id, 'reads-route-3'),
			othersCase!.id
		);
		expect(status).toBe(201);
		expect(answer.shown).toBe(true);
		expect(await served()).toEqual(before);
		const [, , , , fifth] = await readerAssignments(study.db, study.readers[0]!.email, {
			period: 1
		});
		expect(
			(await post(study.readers[0]!, readOf(fifth!.id, 'reads-route-4'), '../x')).answer.shown
		).toBe(true);
		expect(await served()).toEqual(before);
	});

	it('stamps nothing when the read is refused: the case shown waits in the outbox for its own request', async () => {
		const [, , , , , sixth, seventh] = await readerAssignments(study.db, study.readers[0]!.email, {
			period: 1
		});
		const before = await served();
		const { status, answer } = await post(
			study.readers[0]!,
			{ ...readOf(sixth!.id, 'reads-route-5'), confidence: 170 },
			seventh!.id
		);
		expect(status).toBe(400);
		expect(answer).not.toHaveProperty('shown');
		expect(await served()).toEqual(before);
	});
});
