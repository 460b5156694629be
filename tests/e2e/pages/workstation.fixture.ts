// Page object of the reading workstation (/read/<assignment>): what a reader does, in words.
import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../session.fixture';
import { E2E_STORE, queryOn } from '../database.fixture';

/**
 * Signs a reader in, waiting for the login page's scripts first: filled before hydration, the
 * e-mail field is reset to empty (its value comes from the form state), and the sign-in fails.
 */
export async function signInReader(
	page: Page,
	email: string,
	password = DEMO_PASSWORD
): Promise<void> {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await expect(page.getByLabel('E-mail')).toHaveValue(email);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export interface CanvasStats {
	/** Mean red value over the viewport canvas (the images are grey). */
	mean: number;
	/** Pixels that are not black. */
	lit: number;
}

export class Workstation {
	readonly root: Locator;
	readonly viewport: Locator;
	readonly aiPanel: Locator;
	readonly marks: Locator;
	readonly submitButton: Locator;
	readonly confidence: Locator;

	/**
	 * `database`: where the server stores reads, a SQLite file or a PostgreSQL URL (the shared e2e
	 * server's by default).
	 */
	constructor(
		readonly page: Page,
		readonly database = E2E_STORE
	) {
		this.root = page.locator('.workstation');
		this.viewport = page.getByTestId('viewport');
		this.aiPanel = page.getByTestId('ai-panel');
		this.marks = page.getByTestId('mark');
		this.submitButton = page.getByRole('button', { name: /^Submit read/ });
		this.confidence = page.getByLabel('Confidence (0–100)');
	}

	async assignment(): Promise<string> {
		return (await this.root.getAttribute('data-assignment')) ?? '';
	}

	/** Waits until an image of the case is on the screen and the reading clock runs. */
	async waitUntilReading(assignment?: string): Promise<string> {
		if (assignment) await expect(this.root).toHaveAttribute('data-assignment', assignment);
		await expect(this.root).toHaveAttribute('data-clock', 'running', { timeout: 15_000 });
		return this.assignment();
	}

	async canvasStats(): Promise<CanvasStats> {
		return this.viewport.evaluate((element) => {
			const canvas = element.querySelector('canvas')!;
			const pixels = canvas
				.getContext('2d', { willReadFrequently: true })!
				.getImageData(0, 0, canvas.width, canvas.height).data;
			let sum = 0;
			let lit = 0;
			for (let index = 0; index < pixels.length; index += 4) {
				sum += pixels[index]!;
				if (pixels[index]! > 0) lit += 1;
			}
			return { mean: sum / (pixels.length / 4), lit };
		});
	}

	async centre(): Promise<{ x: number; y: number }> {
		const box = (await this.viewport.boundingBox())!;
		return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	}

	async drag(button: 'left' | 'right' | 'middle', dx: number, dy: number): Promise<void> {
		const { x, y } = await this.centre();
		await this.page.mouse.move(x, y);
		await this.page.mouse.down({ button });
		await this.page.mouse.move(x + dx, y + dy, { steps: 10 });
		await this.page.mouse.up({ button });
	}

	/** Mark mode on, a click at an offset from the centre, mark mode off. */
	async placeMark(dx: number, dy: number): Promise<void> {
		const { x, y } = await this.centre();
		await this.page.keyboard.press('m');
		await this.page.mouse.click(x + dx, y + dy);
		await this.page.keyboard.press('Escape');
	}

	/** A mark's pixel position, as the marks list states it. */
	async markPosition(index: number): Promise<{ x: number; y: number }> {
		const title =
			(await this.page
				.locator('ol.marks li')
				.nth(index)
				.getByRole('button')
				.first()
				.getAttribute('title')) ?? '';
		const [, x, y] = /pixel ([\d.]+), ([\d.]+)/.exec(title) ?? [];
		return { x: Number(x), y: Number(y) };
	}

	async dragMark(index: number, dx: number, dy: number): Promise<void> {
		const box = (await this.marks.nth(index).boundingBox())!;
		const x = box.x + box.width / 2;
		const y = box.y + box.height / 2;
		await this.page.mouse.move(x, y);
		await this.page.mouse.down();
		await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
		await this.page.mouse.up();
	}

	async rate(decision: 'present' | 'absent', confidence: number): Promise<void> {
		await this.page.keyboard.press(decision === 'present' ? 'p' : 'n');
		await this.confidence.fill(String(confidence));
	}

	/**
	 * Submits with Enter and waits for the next case to be on the screen and — unless `stored` is
	 * false — for the read to be stored: the next case is shown before the outbox has sent it.
	 */
	async submitAndWaitForNext({ stored = true } = {}): Promise<string> {
		const before = await this.assignment();
		await this.page.keyboard.press('Enter');
		await expect(this.root).not.toHaveAttribute('data-assignment', before, { timeout: 15_000 });
		if (stored) await this.readsSent(before);
		return this.waitUntilReading();
	}

	/**
	 * Waits until the server has stored the read of each assignment (the outbox sends it in the
	 * background, once the next case is drawn) and the reader's outbox has nothing left to send.
	 */
	async readsSent(...assignments: string[]): Promise<void> {
		for (const assignment of assignments)
			await expect.poll(() => this.storedReads(assignment), { timeout: 15_000 }).toBeGreaterThan(0);
		await expect(this.page.getByTestId('outbox-status')).toHaveAttribute('data-pending', '0', {
			timeout: 15_000
		});
	}

	/** How many reads of the assignment the server has stored. */
	private async storedReads(assignment: string): Promise<number> {
		const [row] = await queryOn<{ n: number }>(
			this.database,
			'SELECT count(*) AS n FROM reads JOIN assignments ON assignments.id = reads.assignment_id WHERE assignments.public_id = ?',
			assignment
		);
		return row!.n;
	}
}
