import { describe, expect, it, vi } from 'vitest';
import type { AnnotationInput, AnnotationView } from '$lib/domain/annotation';
import { AnnotationCase, type AnnotationCalls } from './annotation-case.svelte';

function view(draft: AnnotationView['draft'] = null, submitted = false): AnnotationView {
	return {
		task: 7,
		study: { slug: 'rs', title: 'RS' },
		position: { index: 1, total: 2, done: 0 },
		images: [{ n: 1, url: '/api/annotate/7/images/1' }],
		shapes: ['point', 'box', 'contour'],
		lesionAttributes: ['type', 'size_mm'],
		draft,
		submitted,
		next: 8
	};
}

function setup(start: AnnotationView['draft'] = null, submitted = false) {
	const drafts: string[] = [];
	const inputs: AnnotationInput[] = [];
	const calls: AnnotationCalls = {
		putDraft: vi.fn(async (_task: number, body: string) => {
			drafts.push(body);
		}),
		submit: vi.fn(async (task: number, input: AnnotationInput) => {
			inputs.push(input);
			return { ok: true as const, value: { task, next: 8, outcome: 'waiting' as const } };
		})
	};
	return { work: new AnnotationCase(view(start, submitted), calls, 0), drafts, inputs, calls };
}

const box = { kind: 'box' as const, box: { x0: 1, y0: 2, x1: 11, y1: 12 } };

describe('AnnotationCase', () => {
	it('starts from the stored draft and autosaves each change', async () => {
		const { work, drafts } = setup({ classification: 1, lesions: [], note: 'seen' });
		expect(work.editor.classification).toBe(1);
		work.editor.addLesion(box, 3);
		work.editor.setAttribute(0, 'type', ' mass ');
		await work.flush();
		expect(JSON.parse(drafts.at(-1)!)).toEqual({
			classification: 1,
			note: 'seen',
			lesions: [
				{ id: 'L1', firstImage: 3, lastImage: 3, region: box, attributes: { type: 'mass' } }
			]
		});
	});

	it('clears the lesions of a case called non-diseased, and drawing one makes it diseased', () => {
		const { work } = setup();
		work.editor.addLesion(box, 1);
		expect(work.editor.classification).toBe(1);
		work.editor.setClassification(0);
		expect(work.editor.lesions).toEqual([]);
		expect(work.editor.selected).toBeNull();
	});

	it('submits once with its client id and saves nothing more afterwards', async () => {
		const { work, inputs, calls, drafts } = setup();
		expect(work.ready).toBe(false);
		work.editor.setClassification(0);
		const [first, second] = await Promise.all([work.submit(), work.submit()]);
		expect(first).toEqual({ task: 7, next: 8, outcome: 'waiting' });
		expect(second).toBeNull();
		expect(calls.submit).toHaveBeenCalledTimes(1);
		expect(inputs[0]).toEqual({ clientId: 'annotation-7', classification: 0, lesions: [] });
		const saved = drafts.length;
		work.editor.setNote('late');
		await work.flush();
		expect(drafts.length).toBe(saved);
		expect(work.submitted).toBe(true);
	});

	it('names what is wrong instead of submitting an invalid annotation', async () => {
		const { work, calls } = setup({
			classification: 1,
			lesions: [
				{ id: 'L1', firstImage: 1, lastImage: 1, region: box, attributes: {} },
				{ id: 'L1', firstImage: 1, lastImage: 1, region: box, attributes: {} }
			]
		});
		expect(await work.submit()).toBeNull();
		expect(work.problem).toBe('lesions: each lesion needs its own id');
		expect(calls.submit).not.toHaveBeenCalled();
	});

	it('keeps a submitted task closed', async () => {
		const { work, calls } = setup({ classification: 0, lesions: [] }, true);
		expect(work.ready).toBe(false);
		expect(await work.submit()).toBeNull();
		expect(calls.submit).not.toHaveBeenCalled();
	});
});
