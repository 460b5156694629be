// A clone of the repository must pass its tests on its own: no tracked file may point at the
// folder that sits beside the authors' checkout, or at an absolute path of one machine (a home or
// work directory). Paths of Debian packages the project installs (/usr/bin/chromium, …) are
// settings with defaults, not machine paths, and are allowed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const self = 'tests/repository/self-contained.spec.ts';

// Built from parts so this file does not match itself.
const forbidden: Array<{ what: string; pattern: RegExp }> = [
	{
		what: 'the folder beside the checkout',
		pattern: new RegExp(['\\.\\.', 'shared', ''].join('/'))
	},
	{ what: 'a work directory of one machine', pattern: new RegExp(`(^|[\\s'"\`(=])/${'work'}/`) },
	{ what: 'a temporary folder of one machine', pattern: new RegExp(`(^|[\\s'"\`(=])/${'tmp'}/`) },
	{
		what: 'a home directory',
		pattern: new RegExp(
			`(^|[\\s'"\`(=])(/${'home'}/[a-z]|/${'root'}/|/${'Users'}/|[A-Z]:\\\\${'Users'})`
		)
	}
];

function trackedFiles(): string[] {
	const result = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`git ls-files failed: ${result.stderr}`);
	return result.stdout
		.split('\0')
		.filter((name) => name && name !== self && !name.endsWith('package-lock.json'));
}

describe('the repository stands on its own', () => {
	it('lists its tracked files', () => {
		expect(trackedFiles()).toContain('package.json');
	});

	it('names no folder beside the checkout and no absolute path of a machine', () => {
		const found: string[] = [];
		for (const name of trackedFiles()) {
			let text: string;
			try {
				text = readFileSync(resolve(root, name), 'utf8');
			} catch {
				continue; // a tracked file deleted in the working tree
			}
			if (text.includes('\0')) continue; // binary
			text.split('\n').forEach((line, index) => {
				for (const { what, pattern } of forbidden)
					if (pattern.test(line))
						found.push(`${name}:${index + 1}: ${what}: ${line.trim().slice(0, 120)}`);
			});
		}
		expect(found).toEqual([]);
	});

	it('tracks every test data file it ships (none hidden by .gitignore)', () => {
		const tracked = new Set(trackedFiles());
		const directory = resolve(root, 'tests/reference/data');
		const onDisk = readdirSync(directory, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
		expect(onDisk.length).toBeGreaterThan(0);
		expect(onDisk.filter((name) => !tracked.has(name))).toEqual([]);
	});

	it('would catch such a reference', () => {
		const sample = ['const data = "', '..', '/shared/reference/vandyke.csv";'].join('');
		expect(forbidden.some(({ pattern }) => pattern.test(sample))).toBe(true);
		expect(forbidden.some(({ pattern }) => pattern.test(`see /${'work'}/main/README.md`))).toBe(
			true
		);
		expect(forbidden.some(({ pattern }) => pattern.test(`cd /${'home'}/alice/tandem`))).toBe(true);
		expect(forbidden.some(({ pattern }) => pattern.test(`--out /${'tmp'}/demo`))).toBe(true);
		expect(forbidden.some(({ pattern }) => pattern.test('executablePath: /usr/bin/chromium'))).toBe(
			false
		);
	});
});
