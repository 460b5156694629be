import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadingView } from '$lib/domain/reading-view';
import { ReadCase } from './read-case.svelte';

const ASSIGNMENT = 'abcdefghijklmnopqrstuvwxyz';

function view(
	draft: ReadingView['draft'] = { marks: [], events: [] },
	rating: Partial<ReadingView['rating']> = {}
): ReadingView {
	return {
		assignment: ASSIGNMENT,
		study: { slug: 'demo', title: 'Demo' },
		session: { period: 1, index: 1, position: 3, total: 60, done: 2 },
		withAi: false,
		images: ['/api/read/x/images/1'],
		frames: [1],
		hanging: null,
		rating: {
			task: 'roc',
			mark_shape: 'point',
			decision: 'binary',
			confidence: 'percent',
			lesion_marks: true,
			measurement_marks: false,
			comment: true,
			confirm_submit: false,
			...rating
		},
		presets: [],
		idlePauseSeconds: 120,
		draft,
		ai: null,
		unaidedAnswer: null,
		next: null
	};
}

function setup(
	draft?: ReadingView['draft'],
	answer: () => Response = () => new Response('{}', { status: 201 }),
	rating: Partial<ReadingView['rating']> = {}
) {
	let time = 10_000;
	const posts: Array<Record<string, unknown>> = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string, init: RequestInit) => {
			if (url === '/api/reads') posts.push(JSON.parse(String(init.body)));
			return url === '/api/reads' ? answer() : new Response(null, { status: 204 });
		})
	);
	const readCase = new ReadCase(view(draft, rating), () => time);
	return { readCase, posts, advance: (ms: number) => (time += ms) };
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('a case on the workstation', () => {
	it('submits the answers with the reading time from the first image, once however often it is asked', async () => {
		const { readCase, posts, advance } = setup();
		advance(400); // loading: not reading time
		readCase.rendered(0);
		readCase.setDecision(1);
		readCase.setConfidence(72);
		readCase.addMark(1, 100.04, 200.06);
		advance(3_000);
		const [first, second] = await Promise.all([readCase.submit(), readCase.submit()]);
		expect(first).toEqual({ ok: true, created: true });
		expect(second).toBeNull();
		expect(await readCase.submit()).toBeNull();
		expect(posts).toHaveLength(1);
		expect(posts[0]).toMatchObject({
			assignment: ASSIGNMENT,
			clientId: `read-${ASSIGNMENT}`,
			decision: 1,
			confidence: 72,
			marks: [{ image: 1, x: 100, y: 200.1, confidence: 72 }],
			readingTimeMs: 3_000,
			pausedMs: 0
		});
		expect((posts[0]!.events as Array<{ type: string }>).map((event) => event.type)).toEqual([
			'rendered',
			'decision',
			'confidence',
			'mark.add',
			'submit'
		]);
	});

	it('restores a draft and carries its clock on', async () => {
		const { readCase, posts, advance } = setup({
			decision: 0,
			confidence: 15,
			marks: [{ image: 2, x: 5, y: 6, confidence: 40 }],
			comment: 'faint',
			elapsedMs: 20_000,
			pausedMs: 1_000,
			events: [{ type: 'rendered', at: 1 }]
		});
		expect([
			readCase.decision,
			readCase.confidence,
			readCase.comment,
			readCase.marks.length
		]).toEqual([0, 15, 'faint', 1]);
		readCase.rendered(0);
		advance(5_000);
		await readCase.submit();
		expect(posts[0]).toMatchObject({
			decision: 0,
			confidence: 15,
			comment: 'faint',
			readingTimeMs: 25_000,
			pausedMs: 1_000
		});
		expect((posts[0]!.events as Array<{ type: string }>).map((event) => event.type)).toEqual([
			'rendered',
			'reopen',
			'rendered',
			'submit'
		]);
	});

	it('keeps the read open when the server refuses it, with the server’s message', async () => {
		const { readCase } = setup(
			undefined,
			() => new Response(JSON.stringify({ message: 'This session is complete.' }), { status: 409 })
		);
		readCase.rendered(0);
		readCase.setDecision(0);
		readCase.setConfidence(3);
		expect(await readCase.submit()).toMatchObject({ ok: false, status: 409 });
		expect(readCase.problem).toBe('This session is complete.');
		expect(readCase.submitted).toBe(false);
		expect(readCase.ready).toBe(true);
	});

	it('is not ready without a decision and a confidence, and moves and deletes marks', () => {
		const { readCase } = setup();
		readCase.setDecision(1);
		expect(readCase.ready).toBe(false);
		readCase.addMark(1, 10, 10);
		readCase.addMark(1, 20, 20);
		expect(readCase.marks.map((mark) => mark.confidence)).toEqual([50, 50]);
		readCase.moveMark(0, 11.26, 12);
		readCase.deleteMark(1);
		expect(readCase.marks).toEqual([{ image: 1, x: 11.3, y: 12, confidence: 50 }]);
	});
});

const created = () => new Response('{}', { status: 201 });
const froc = { task: 'froc', confidence: 'five-point', lesion_marks: false } as const;

describe('a FROC case', () => {
	it('is answered with rated marks only: no decision or confidence is sent', async () => {
		const { readCase, posts } = setup(undefined, created, froc);
		readCase.rendered(0);
		expect(readCase.missing).toEqual(['answer']);
		readCase.addMark(1, 10, 10);
		readCase.addMark(2, 30, 40, 3);
		expect(readCase.marks.map((mark) => mark.confidence)).toEqual([3, 3]);
		readCase.rateSelectedMark(5);
		readCase.stepMark(1);
		expect(readCase.selectedMark).toBe(0);
		readCase.nudgeSelectedMark(-1);
		readCase.nudgeSelectedMark(-1);
		readCase.nudgeSelectedMark(-1);
		readCase.rateSelectedMark(9);
		expect(readCase.ready).toBe(true);
		await readCase.submit();
		expect(posts[0]).not.toHaveProperty('decision');
		expect(posts[0]).not.toHaveProperty('confidence');
		expect(posts[0]).not.toHaveProperty('noLesion');
		expect(posts[0]!.marks).toEqual([
			{ image: 1, x: 10, y: 10, confidence: 1 },
			{ image: 2, frame: 3, x: 30, y: 40, confidence: 5 }
		]);
	});

	it('answers "no lesion" only without marks; a new mark takes the answer back', async () => {
		const { readCase, posts } = setup(undefined, created, froc);
		readCase.rendered(0);
		readCase.addMark(1, 10, 10);
		expect(readCase.setNoLesion(true)).toBe(false);
		expect(readCase.noLesion).toBe(false);
		readCase.deleteMark(0);
		expect(readCase.ready).toBe(false);
		expect(readCase.setNoLesion(true)).toBe(true);
		expect(readCase.ready).toBe(true);
		readCase.addMark(1, 5, 5);
		expect(readCase.noLesion).toBe(false);
		readCase.deleteMark(0);
		readCase.setNoLesion(true);
		await readCase.submit();
		expect(posts[0]).toMatchObject({ noLesion: true, marks: [] });
		expect(posts[0]).not.toHaveProperty('decision');
	});

	it('restores its marks, their ratings and the "no lesion" answer from the draft', () => {
		const marked = setup({ marks: [{ image: 1, x: 1, y: 2, confidence: 4 }] }, created, froc);
		expect(marked.readCase.marks).toEqual([{ image: 1, x: 1, y: 2, confidence: 4 }]);
		expect(marked.readCase.ready).toBe(true);
		const none = setup({ marks: [], noLesion: true }, created, froc);
		expect(none.readCase.noLesion).toBe(true);
		expect(none.readCase.ready).toBe(true);
	});

	it('moves a box mark with its box', () => {
		const { readCase } = setup(undefined, created, { ...froc, mark_shape: 'box' });
		readCase.addMark(1, 15, 25, null, { x0: 10, y0: 20, x1: 20, y1: 30 });
		readCase.moveMark(0, 16.5, 20);
		expect(readCase.marks).toEqual([
			{ image: 1, x: 16.5, y: 20, confidence: 3, box: { x0: 11.5, y0: 15, x1: 21.5, y1: 25 } }
		]);
	});
});

describe('an LROC case', () => {
	const lroc = { task: 'lroc', confidence: 'five-point', lesion_marks: false } as const;

	it('keeps one mark, rated with the case confidence, and sends the decision and confidence', async () => {
		const { readCase, posts } = setup(undefined, created, lroc);
		readCase.rendered(0);
		readCase.setDecision(1);
		readCase.setConfidence(2);
		expect(readCase.missing).toEqual(['mark']);
		readCase.addMark(1, 10, 10);
		readCase.addMark(1, 50, 60);
		expect(readCase.marks).toEqual([{ image: 1, x: 50, y: 60, confidence: 2 }]);
		readCase.setConfidence(4);
		expect(readCase.ready).toBe(true);
		await readCase.submit();
		expect(posts[0]).toMatchObject({
			decision: 1,
			confidence: 4,
			marks: [{ image: 1, x: 50, y: 60, confidence: 4 }]
		});
		expect(posts[0]).not.toHaveProperty('noLesion');
	});
});
