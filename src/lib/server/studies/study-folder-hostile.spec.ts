// Hostile protocol folders: parser bombs, paths leaving the folder, unbounded fields, colliding
// case ids and image folders, bytes that are not UTF-8. Each ends in a problem naming the file
// (and line and field), never an exception, and never reads outside the study folder.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStudyFolder, formatProblem } from './study-folder';
import {
	makeStudyFolder,
	fakeDicom,
	FIXTURE_YAML,
	FIXTURE_CASES,
	FIXTURE_TRUTH
} from '$fixtures/study-folder.fixture';
import { sha256Hex } from '../crypto/hash';

function problemsOf(dir: string): string[] {
	const result = readStudyFolder(dir);
	if (result.ok) throw new Error('expected problems');
	return result.problems.filter((problem) => problem.severity === 'error').map(formatProblem);
}

function timed<T>(run: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = run();
	return { value, ms: performance.now() - start };
}

describe('readStudyFolder: bounded parsing (issue 15, item 12)', () => {
	it('reports a YAML alias bomb at its line instead of throwing', () => {
		const bomb = [
			'a: &a [x, x, x, x, x, x, x, x, x]',
			'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
			'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
			'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
			'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'
		].join('\n');
		const problems = problemsOf(makeStudyFolder({ yaml: `${FIXTURE_YAML}${bomb}\n` }));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^study\.yaml:\d+: YAML: too many aliases/);
	});

	it('refuses cases.file naming a folder, at the line of cases.file', () => {
		const yaml = FIXTURE_YAML.replace('  file: cases.csv', '  file: images');
		expect(problemsOf(makeStudyFolder({ yaml }))).toContain(
			'study.yaml:38: cases.file: "images" is a folder, not a file'
		);
	});

	it('refuses 100,000 keys quickly, naming the bound', () => {
		const keys = Array.from({ length: 100_000 }, (_, index) => `k${index}: 1`).join('\n');
		const { value, ms } = timed(() => problemsOf(makeStudyFolder({ yaml: `${keys}\n` })));
		expect(value).toHaveLength(1);
		expect(value[0]).toMatch(/^study\.yaml(:\d+)?: .*(at most|larger than)/);
		expect(ms).toBeLessThan(5_000);
	});

	it('refuses 20,000 keys (under the size bound) quickly, at the line past the bound', () => {
		const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: 1`).join('\n');
		const { value, ms } = timed(() => problemsOf(makeStudyFolder({ yaml: `${keys}\n` })));
		expect(value).toEqual([expect.stringMatching(/^study\.yaml:\d+: YAML: more than [\d,]+ keys/)]);
		expect(ms).toBeLessThan(5_000);
	});

	it('reports a duplicate key at its line, naming the first', () => {
		const yaml = FIXTURE_YAML.replace('demo: true\n', 'demo: true\ntitle: Again\n');
		expect(problemsOf(makeStudyFolder({ yaml }))).toEqual([
			'study.yaml:5: YAML: duplicate key "title" (first on line 2)'
		]);
	});

	it('refuses a study.yaml larger than the bound without parsing it', () => {
		const yaml = `${FIXTURE_YAML}description: "${'x'.repeat(2_000_000)}"\n`;
		expect(problemsOf(makeStudyFolder({ yaml }))).toEqual([
			expect.stringMatching(/^study\.yaml: the file is larger than [\d,]+ bytes/)
		]);
	});

	it('refuses 100,000 rows sharing one image folder quickly, hashing it at most once', () => {
		const dir = makeStudyFolder({ imageFolders: ['K1'] });
		for (let index = 2; index <= 40; index++)
			writeFileSync(
				join(dir, 'images', 'K1', `${String(index).padStart(3, '0')}.dcm`),
				fakeDicom(`K1-${index}`)
			);
		const rows = Array.from(
			{ length: 100_000 },
			(_, index) => `C${index},images/K1,${index % 2 ? 'site-a' : 'site-b'},ge`
		);
		const truth = [
			'case_id,truth',
			...rows.map((row, index) => `${row.split(',')[0]},${index % 2}`)
		];
		writeFileSync(join(dir, 'cases.csv'), `${FIXTURE_CASES[0]}\n${rows.join('\n')}\n`);
		writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
		const { value: result, ms } = timed(() => readStudyFolder(dir));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const lines = result.problems.map(formatProblem);
		expect(lines).toContain(
			'cases.csv:3: images: case C1 uses the image folder "images/K1" of case C0 (line 2): each case needs its own folder'
		);
		expect(ms).toBeLessThan(15_000);
	}, 60_000);
});

describe('readStudyFolder: confinement and bounds (issue 15, item 13)', () => {
	it('refuses cases.file and truth.file outside the study folder and reads neither', () => {
		const yaml = FIXTURE_YAML.replace(
			'  file: cases.csv',
			'  file: ../../../../../etc/passwd'
		).replace('  file: truth.csv', '  file: /etc/passwd');
		expect(problemsOf(makeStudyFolder({ yaml }))).toEqual([
			'study.yaml:38: cases.file: "../../../../../etc/passwd" is outside the study folder',
			'study.yaml:41: truth.file: "/etc/passwd" is outside the study folder'
		]);
	});

	it('refuses a protocol file or an image folder that is a symlink leading outside', () => {
		const outside = mkdtempSync(join(tmpdir(), 'tandem-outside-'));
		writeFileSync(join(outside, 'cases.csv'), `${FIXTURE_CASES.join('\n')}\n`);
		mkdirSync(join(outside, 'K4'));
		writeFileSync(join(outside, 'K4', '001.dcm'), fakeDicom('outside'));
		const dir = makeStudyFolder({ imageFolders: ['K1', 'K2', 'K3'] });
		writeFileSync(join(dir, 'cases.csv'), '');
		const yaml = FIXTURE_YAML.replace('  file: cases.csv', '  file: linked.csv');
		writeFileSync(join(dir, 'study.yaml'), yaml);
		symlinkSync(join(outside, 'cases.csv'), join(dir, 'linked.csv'));
		symlinkSync(join(outside, 'K4'), join(dir, 'images', 'K4'));
		expect(problemsOf(dir)).toEqual([
			'study.yaml:38: cases.file: "linked.csv" is outside the study folder'
		]);
		writeFileSync(join(dir, 'study.yaml'), FIXTURE_YAML);
		writeFileSync(join(dir, 'cases.csv'), `${FIXTURE_CASES.join('\n')}\n`);
		expect(problemsOf(dir)).toEqual([
			'cases.csv:5: images: image folder "images/K4" is outside the study folder'
		]);
	});

	it('refuses case ids that differ only in case, naming the first', () => {
		const cases = [...FIXTURE_CASES, 'k1,images/K5,site-a,ge'];
		expect(problemsOf(makeStudyFolder({ cases }))).toContain(
			'cases.csv:6: case_id: case id "k1" differs only in case from "K1" (line 2)'
		);
	});

	it('refuses two cases sharing one image folder, naming both', () => {
		const cases = [...FIXTURE_CASES];
		cases[4] = 'K4,images/K3,site-b,philips';
		expect(problemsOf(makeStudyFolder({ cases }))).toContain(
			'cases.csv:5: images: case K4 uses the image folder "images/K3" of case K3 (line 4): each case needs its own folder'
		);
	});

	it('refuses oversized fields with their line and field', () => {
		const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${'a'.repeat(10_000)}`)
			.replace('title: Mini study for tests', `title: ${'T'.repeat(200_000)}`)
			.replace('expected_readers: 2', 'expected_readers: 1e12');
		const problems = problemsOf(makeStudyFolder({ yaml }));
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^study\.yaml:1: slug: Too big/),
				expect.stringMatching(/^study\.yaml:2: title: Too big/),
				expect.stringMatching(/^study\.yaml:20: sites\[0\]\.expected_readers: Too big/)
			])
		);
	});
});

describe('readStudyFolder: bytes (issue 15, item 14)', () => {
	it('rejects a study.yaml that is not UTF-8, naming the line', () => {
		const dir = makeStudyFolder();
		const bytes = Buffer.from(FIXTURE_YAML.replace('Mini study', 'Mini st\u00fcdy'), 'latin1');
		writeFileSync(join(dir, 'study.yaml'), bytes);
		expect(problemsOf(dir)).toEqual([
			'study.yaml:2: the file is not valid UTF-8 (save it as UTF-8)'
		]);
	});

	it('rejects a cases.csv or truth.csv that is not UTF-8, naming the line', () => {
		const dir = makeStudyFolder();
		writeFileSync(
			join(dir, 'truth.csv'),
			Buffer.concat([Buffer.from(`${FIXTURE_TRUTH.slice(0, 3).join('\n')}\nK3,0,\xff\n`, 'latin1')])
		);
		expect(problemsOf(dir)).toContain(
			'truth.csv:4: the file is not valid UTF-8 (save it as UTF-8)'
		);
	});

	it('fingerprints the raw bytes: a valid UTF-8 file (BOM, non-ASCII, CRLF) keeps its hash', () => {
		const yaml = `\ufeff${FIXTURE_YAML.replace('Mini study', 'Mini stüdy 研究')}`.replace(
			/\n/g,
			'\r\n'
		);
		const dir = makeStudyFolder({ yaml });
		const result = readStudyFolder(dir);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.folder.protocol.title).toBe('Mini stüdy 研究 for tests');
		expect(result.folder.files['study.yaml']).toBe(sha256Hex(Buffer.from(yaml, 'utf8')));
		expect(result.folder.files['study.yaml']).toBe(sha256Hex(yaml));
	});
});
