// Lesion-level studies for the browser tests: the demo protocol turned into a FROC (or LROC)
// study under its own slug, on two diseased and two non-diseased single-slice demo cases (their
// images copied), with truth lesions in lesions.csv and a wAFROC (or LROC) primary endpoint. The
// demo images must exist (the e2e server generates them when it starts).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEMO_STUDY = 'studies/demo-crossover';
const CASES = ['C001', 'C002', 'C003', 'C004'];

export interface TruthLesion {
	caseKey: string;
	x: number;
	y: number;
}

export interface LesionStudyOptions {
	slug: string;
	task: 'froc' | 'lroc';
	confidence: 'percent' | 'five-point';
}

/** The study folder, and the truth lesions of its diseased cases (image 1, pixel x, y). */
export function lesionStudyFolder({ slug, task, confidence }: LesionStudyOptions): {
	dir: string;
	lesions: TruthLesion[];
} {
	const metric = task === 'froc' ? 'wafroc' : 'lroc';
	const yaml = readFileSync(join(DEMO_STUDY, 'study.yaml'), 'utf8')
		.replace(/^slug: .*$/m, `slug: ${slug}`)
		.replace(/^title: .*$/m, `title: Lesion-level reading of demo phantoms (${slug})`)
		.replace(
			/^rating:\n(?: {2}.*\n)+/m,
			`rating:\n  task: ${task}\n  decision: binary\n  confidence: ${confidence}\n  comment: false\n`
		)
		.replace(
			/^endpoints:\n(?: {2,}.*\n)+/m,
			`endpoints:\n  primary:\n    - metric: ${metric}\n      hypothesis: non-inferiority\n      margin: 0.05\n      margin_justification: test margin\n      alpha: 0.025\n`
		)
		.replace(/^(truth:\n(?: {2}.*\n)+)/m, '$1  lesions: lesions.csv\n')
		// The test reads without freezing this copy's case set: the protocol says so.
		.replace(/^reading:\n/m, 'reading:\n  before_freeze: true\n');
	if (!yaml.includes(`task: ${task}`) || !yaml.includes('lesions: lesions.csv'))
		throw new Error('the demo protocol no longer fits');
	const [truthHeader, ...truthRows] = readLines(join(DEMO_STUDY, 'truth.csv'));
	const truth = truthRows.filter((row) => CASES.includes(row.split(',')[0]!));
	const [casesHeader, ...caseRows] = readLines(join(DEMO_STUDY, 'cases.csv'));
	const cases = caseRows.filter((row) => CASES.includes(row.split(',')[0]!));
	const lesions = truth.flatMap((row) => {
		const [caseKey, diseased, , , , x, y] = row.split(',');
		return diseased === '1' ? [{ caseKey: caseKey!, x: Number(x), y: Number(y) }] : [];
	});
	const dir = mkdtempSync(join(tmpdir(), `tandem-${slug}-`));
	writeFileSync(join(dir, 'study.yaml'), yaml);
	writeFileSync(join(dir, 'truth.csv'), [truthHeader, ...truth].join('\n') + '\n');
	writeFileSync(join(dir, 'cases.csv'), [casesHeader, ...cases].join('\n') + '\n');
	writeFileSync(
		join(dir, 'lesions.csv'),
		[
			'case_id,lesion_id,image,x,y,radius_mm',
			...lesions.map((lesion) => `${lesion.caseKey},1,1,${lesion.x},${lesion.y},5`)
		].join('\n') + '\n'
	);
	for (const row of cases) {
		const folder = row.split(',')[1]!;
		cpSync(join(DEMO_STUDY, folder), join(dir, folder), { recursive: true });
	}
	return { dir, lesions };
}

function readLines(path: string): string[] {
	return readFileSync(path, 'utf8').trim().split('\n');
}
