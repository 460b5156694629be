// The sequential design in a browser (issue 14 #11): a reader meets a case's aided step only after
// its unaided one; the aided step opens on their own unaided answer with the AI shown, and both
// reads are stored. The study is the demo protocol turned sequential on four demo cases.
import { expect, test } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { demoSequentialFolder } from '$fixtures/sequential-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV, query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const STUDY = 'sequential-study';
const READER = 'sequential.r1@x.org';
const PASSWORD = 'sequential password 123';
const UNAIDED_FIRST =
	'Sequential design: submit your read of this case without the AI first; the read with the AI opens after it.';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

async function readsOf(...assignments: string[]) {
	return await query<{ assignment: string; decision: number; confidence: number }>(
		`SELECT a.public_id AS assignment, r.decision, r.confidence FROM reads r
		 JOIN assignments a ON a.id = r.assignment_id
		 WHERE a.public_id IN (${assignments.map(() => '?').join(', ')}) ORDER BY r.id`,
		...assignments
	);
}

test('a reader sees a case’s aided step only after its unaided step, starting from their unaided answer', async ({
	page
}) => {
	test.setTimeout(120_000);
	cli(['study', 'load', demoSequentialFolder(STUDY)]);
	cli(
		[
			...['reader', 'enrol', '--study', STUDY, '--site', 'site-a'],
			...['--email', READER, '--name', 'Sequential Reader', '--password-stdin']
		],
		PASSWORD
	);
	const [unaided, aided] = await readerAssignments(E2E_STORE, READER, { limit: 2 });
	expect([unaided!.arm, aided!.arm]).toEqual(['unaided', 'aided']);
	expect(aided!.caseKey).toBe(unaided!.caseKey);
	await signInReader(page, READER, PASSWORD);

	// Asked for first, the aided step is refused: no workstation, no images, no draft, no read.
	await page.goto(`/read/${aided!.id}`);
	await expect(page.getByText(UNAIDED_FIRST)).toBeVisible();
	await expect(page.getByTestId('viewport')).toHaveCount(0);
	const image = await page.request.get(`/api/read/${aided!.id}/images/1`);
	expect(image.status()).toBe(409);
	const early = await page.request.post('/api/reads', {
		data: { assignment: aided!.id, clientId: 'sequential-early-1', decision: 1, confidence: 50 }
	});
	expect(early.status()).toBe(409);
	expect(await early.json()).toEqual({ message: UNAIDED_FIRST, readFirst: unaided!.id });
	expect(await readsOf(aided!.id)).toEqual([]);

	// The worklist opens the unaided step: no AI, no earlier answer.
	await page.goto('/read');
	await page.getByRole('link', { name: 'Start reading' }).click();
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(unaided!.id);
	await expect(workstation.aiPanel).toHaveCount(0);
	await expect(page.getByTestId('unaided-answer')).toHaveCount(0);
	await workstation.rate('present', 70);

	// Submitted, the aided step of the same case follows: the AI, and the reader's own answer to revise.
	expect(await workstation.submitAndWaitForNext()).toBe(aided!.id);
	await expect(workstation.aiPanel).toBeVisible();
	const answer = page.getByTestId('unaided-answer');
	await expect(answer.getByRole('heading', { name: 'Your unaided answer' })).toBeVisible();
	await expect(answer).toContainText('Lesion: Present');
	await expect(answer).toContainText('Confidence: 70');
	await expect(page.getByRole('button', { name: /^Present/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(workstation.confidence).toHaveValue('70');
	await workstation.confidence.fill('85');
	await workstation.submitAndWaitForNext();

	// Two reads of the case, the unaided one as it was submitted.
	expect(await readsOf(unaided!.id, aided!.id)).toEqual([
		{ assignment: unaided!.id, decision: 1, confidence: 70 },
		{ assignment: aided!.id, decision: 1, confidence: 85 }
	]);
});
