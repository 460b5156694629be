// Shared helpers of the peer-reference tests: the one place that says where the reference files
// live (tests/reference/data, copied into the project with their provenance in its README) and a
// recursive comparison of an expected JSON document with Tandem's output to a relative tolerance.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const referenceDirectory = fileURLToPath(new URL('./data', import.meta.url));

/** The path of one reference file (e.g. `vandyke.csv`). */
export function referencePath(name: string): string {
	return resolve(referenceDirectory, name);
}

/** The text of one reference file. */
export function referenceText(name: string): string {
	return readFileSync(referencePath(name), 'utf8');
}

export interface ReferenceCase {
	/** File name of the expected JSON. */
	file: string;
	/** The reads CSV it was computed from (the file name's first dotted part). */
	csv: string;
	expected: Record<string, unknown>;
}

/** Every `*.expected.json` in the reference folder with its input CSV. */
export function referenceCases(): ReferenceCase[] {
	return readdirSync(referenceDirectory)
		.filter((name) => name.endsWith('.expected.json'))
		.sort()
		.map((file) => ({
			file,
			csv: resolve(referenceDirectory, `${file.split('.')[0]}.csv`),
			expected: JSON.parse(readFileSync(resolve(referenceDirectory, file), 'utf8')) as Record<
				string,
				unknown
			>
		}));
}

/**
 * The peers list the difference as the first treatment minus the second: Tandem reads a
 * difference as test − reference, so their output is Tandem's with the first as the test.
 */
export function peerOrientation(expected: Record<string, unknown>): {
	test: string;
	reference: string;
} {
	const [first, second] = (expected.design as { modalities: string[] }).modalities;
	return { test: first as string, reference: second as string };
}

export interface Mismatch {
	path: string;
	expected: unknown;
	actual: unknown;
}

/**
 * Compare `expected` (a peer's output) with `actual`: numbers to `relative` tolerance
 * (|a − e| ≤ relative·|e| + 1e-15), strings exactly, arrays element by element, objects
 * key by key of `expected` (extra keys in `actual` are allowed). An expected null means
 * the peer gave no value; it is listed in `skipped` so a test can check it separately.
 */
export function compareToReference(
	expected: unknown,
	actual: unknown,
	relative: number,
	path = '$',
	skipped: string[] = []
): Mismatch[] {
	if (expected === null) {
		skipped.push(path);
		return [];
	}
	if (typeof expected === 'number') {
		const ok =
			typeof actual === 'number' &&
			Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-15;
		return ok ? [] : [{ path, expected, actual }];
	}
	if (typeof expected !== 'object') return expected === actual ? [] : [{ path, expected, actual }];
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual) || actual.length !== expected.length)
			return [
				{
					path,
					expected: `array of ${expected.length}`,
					actual: Array.isArray(actual) ? `array of ${actual.length}` : actual
				}
			];
		return expected.flatMap((item, index) =>
			compareToReference(item, actual[index], relative, `${path}[${index}]`, skipped)
		);
	}
	if (actual === null || typeof actual !== 'object') return [{ path, expected: 'object', actual }];
	return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
		compareToReference(
			value,
			(actual as Record<string, unknown>)[key],
			relative,
			`${path}.${key}`,
			skipped
		)
	);
}
