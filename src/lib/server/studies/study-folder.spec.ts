import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStudyFolder, formatProblem, protocolFingerprint } from './study-folder';
import {
	makeStudyFolder,
	FIXTURE_YAML,
	FIXTURE_CASES,
	FIXTURE_TRUTH
} from '$fixtures/study-folder.fixture';
import { sha256Hex } from '../crypto/hash';

function problemsOf(dir: string): string[] {
	const result = readStudyFolder(dir);
	if (result.ok) throw new Error('expected problems');
	return result.problems.map(formatProblem);
}

describe('readStudyFolder', () => {
	it('reads a valid folder: cases, truth, images and the protocol fingerprint', () => {
		const dir = makeStudyFolder();
		const result = readStudyFolder(dir);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { folder } = result;
		expect(folder.protocol.slug).toBe('mini-study');
		expect(folder.cases.map((record) => record.caseKey)).toEqual(['K1', 'K2', 'K3', 'K4']);
		expect(folder.cases[0]!.strata).toEqual({ site: 'site-a', vendor: 'ge' });
		expect(folder.truth.map((record) => record.truth)).toEqual([1, 0, 0, 1]);
		expect(folder.truth[0]!.details).toEqual({ lesion_size_mm: '8' });
		expect(folder.cases[0]!.images).toHaveLength(1);
		// The fingerprint is SHA-256 over "name\0sha256\n" lines in name order, written out here.
		const files = {
			'cases.csv': sha256Hex(FIXTURE_CASES.join('\n') + '\n'),
			'study.yaml': sha256Hex(FIXTURE_YAML),
			'truth.csv': sha256Hex(FIXTURE_TRUTH.join('\n') + '\n')
		};
		expect(folder.files).toEqual(files);
		const expected = sha256Hex(
			`cases.csv\0${files['cases.csv']}\nstudy.yaml\0${files['study.yaml']}\ntruth.csv\0${files['truth.csv']}\n`
		);
		expect(folder.sha256).toBe(expected);
		expect(protocolFingerprint(files)).toBe(expected);
		rmSync(dir, { recursive: true });
	});

	it('names the file, line and field of a bad protocol field and of a bad CSV row together', () => {
		const yaml = FIXTURE_YAML.replace('      margin: 0.05\n', '      margin: -0.05\n');
		const cases = [...FIXTURE_CASES];
		cases[2] = 'K2,images/K2,site-x,siemens';
		const dir = makeStudyFolder({ yaml, cases });
		const problems = problemsOf(dir);
		expect(problems).toContain(
			'study.yaml:31: endpoints.primary[0].margin: Too small: expected number to be >=0'
		);
		expect(problems).toContain('cases.csv:3: site: "site-x" is not a site declared in study.yaml');
	});

	it('refuses a margin without its clinical justification, naming the file, line, endpoint and field', () => {
		const yaml = FIXTURE_YAML.replace(/^ {6}margin_justification: .*\n/m, '');
		expect(yaml).not.toContain('margin_justification');
		expect(problemsOf(makeStudyFolder({ yaml }))).toEqual([
			'study.yaml:29: endpoints.primary[0].margin_justification: endpoint primary 1 (auc) declares a margin of 0.05: give its clinical justification in margin_justification'
		]);
	});

	it('reports an unknown key, a wrong enum value and a missing required field at their lines', () => {
		const yaml = FIXTURE_YAML.replace('  type: crossover', '  type: parallel')
			.replace('title: Mini study for tests\n', '')
			.replace('demo: true', 'demo: true\nsponsor_notes: x');
		const problems = problemsOf(makeStudyFolder({ yaml }));
		expect(problems.some((line) => /^study\.yaml:8: design\.type: Invalid option/.test(line))).toBe(
			true
		);
		expect(problems.some((line) => line.startsWith('study.yaml:1: title:'))).toBe(true);
		expect(
			problems.some((line) => /^study\.yaml:4: Unrecognized key: "sponsor_notes"/.test(line))
		).toBe(true);
	});

	it('names the arm field when a sequential design would read the AI arm first', () => {
		const yaml = FIXTURE_YAML.replace(
			'  type: crossover\n  washout_days: 28\n',
			'  type: sequential\n'
		)
			.replace('ai: false', 'ai: AI_FIRST')
			.replace('ai: true', 'ai: false')
			.replace('ai: AI_FIRST', 'ai: true');
		expect(problemsOf(makeStudyFolder({ yaml }))).toEqual([
			'study.yaml:12: arms[0].ai: in a sequential design the first arm is the control, read first without the AI: it needs ai: false',
			'study.yaml:15: arms[1].ai: in a sequential design the second arm is the test arm, read with the AI: it needs ai: true'
		]);
	});

	it('reports a YAML syntax error with its line', () => {
		const yaml = FIXTURE_YAML.replace('arms:\n', 'arms: [\n');
		const problems = problemsOf(makeStudyFolder({ yaml }));
		expect(problems[0]).toMatch(/^study\.yaml:\d+: YAML: /);
	});

	it('reports duplicate, unknown and malformed rows in cases.csv and truth.csv', () => {
		const cases = [...FIXTURE_CASES, 'K1,images/K1,site-a,ge', 'K5,../outside,site-a,ge'];
		const truth = ['case_id,truth,lesion_size_mm', 'K1,1,8', 'K2,yes,', 'K3,0,', 'K9,0,'];
		const problems = problemsOf(makeStudyFolder({ cases, truth }));
		expect(problems).toEqual(
			expect.arrayContaining([
				'cases.csv:6: case_id: duplicate case id "K1" (first on line 2)',
				'cases.csv:7: images: "../outside" must be a folder inside the study folder',
				'truth.csv:3: truth: "yes" is not 0 (non-diseased) or 1 (diseased)',
				'truth.csv:5: case_id: case "K9" is not in the case manifest',
				'truth.csv:1: case_id: no truth for case(s) K4, K5'
			])
		);
	});

	it('reports a missing column, a missing image folder and a file that is not DICOM', () => {
		const missingColumn = problemsOf(
			makeStudyFolder({ cases: FIXTURE_CASES.map((line) => line.split(',').slice(0, 3).join(',')) })
		);
		expect(missingColumn).toContain('cases.csv:1: vendor: missing column "vendor"');

		const dir = makeStudyFolder({ imageFolders: ['K1', 'K2', 'K3'] });
		writeFileSync(join(dir, 'images', 'K3', '002.dcm'), 'not an image');
		const problems = problemsOf(dir);
		expect(problems).toContain('cases.csv:5: images: image folder "images/K4" not found');
		expect(problems).toContain(
			'cases.csv:4: images: images/K3/002.dcm is not a DICOM Part-10 file (no DICM prefix)'
		);
	});

	it('refuses a single truth class', () => {
		const truth = ['case_id,truth', 'K1,0', 'K2,0', 'K3,0', 'K4,0'];
		expect(problemsOf(makeStudyFolder({ truth }))).toContain(
			'truth.csv:1: truth: all cases have the same truth: an ROC study needs both classes'
		);
	});
});
