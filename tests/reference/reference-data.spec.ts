// The peer reference files are the targets of the statistics tests: they must be the files whose
// SHA-256 sums their README records, and every data file there must be listed (so none is added
// or edited without a word on where it came from).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDirectory, referencePath, referenceText } from './reference-files';

function recordedSums(): Map<string, string> {
	const sums = new Map<string, string>();
	for (const match of referenceText('README.md').matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm))
		sums.set(match[2] as string, match[1] as string);
	return sums;
}

describe('peer reference data (tests/reference/data)', () => {
	const sums = recordedSums();
	const files = readdirSync(referenceDirectory, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name !== 'README.md')
		.map((entry) => relative(referenceDirectory, join(entry.parentPath, entry.name)));

	it('has the ten files the statistics tests use, each listed in the README', () => {
		expect(files.sort()).toEqual([...sums.keys()].sort());
		expect(files).toHaveLength(10);
	});

	it.each(files)('%s matches the SHA-256 its README records', (name) => {
		const actual = createHash('sha256')
			.update(readFileSync(referencePath(name)))
			.digest('hex');
		expect(actual).toBe(sums.get(name));
	});
});
