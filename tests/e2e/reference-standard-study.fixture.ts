// A study whose truth is made in Tandem, for the browser tests: four single-slice demo CT phantoms
// (their images copied, with their PixelSpacing) under their own slug, without truth.csv, with a
// reference_standard section; two annotators and an adjudicator added at the shell, the tasks
// assigned. The demo images must exist (the e2e server generates them when it starts).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query } from './database.fixture';
import { e2eCli } from './trial-study.fixture';
import { DEMO } from './session.fixture';

const DEMO_STUDY = 'studies/demo-crossover';
export const CASES = ['C001', 'C002', 'C003', 'C004'];
export const TRUTH_MAKER_PASSWORD = 'truth maker password 1';

export interface ReferenceStandardE2eStudy {
	slug: string;
	annotators: [string, string];
	adjudicator: string;
}

function studyFolder(slug: string): string {
	const yaml = readFileSync(join(DEMO_STUDY, 'study.yaml'), 'utf8')
		.replace(/^slug: .*$/m, `slug: ${slug}`)
		.replace(/^title: .*$/m, `title: Reference standard of demo phantoms (${slug})`)
		.replace(/^truth:\n(?: {2}.*\n)+/m, 'truth:\n  source: expert consensus\n')
		.concat('\nreference_standard:\n  annotators: 2\n  iou_threshold: 0.5\n');
	if (!yaml.includes('reference_standard:')) throw new Error('the demo protocol no longer fits');
	const [header, ...rows] = readFileSync(join(DEMO_STUDY, 'cases.csv'), 'utf8').trim().split('\n');
	const cases = rows.filter((row) => CASES.includes(row.split(',')[0]!));
	const dir = mkdtempSync(join(tmpdir(), `tandem-${slug}-`));
	writeFileSync(join(dir, 'study.yaml'), yaml);
	writeFileSync(join(dir, 'cases.csv'), [header, ...cases].join('\n') + '\n');
	for (const row of cases) {
		const folder = row.split(',')[1]!;
		cpSync(join(DEMO_STUDY, folder), join(dir, folder), { recursive: true });
	}
	return dir;
}

/** Loads the study (once: a worker that restarts finds it there) and assigns the annotation tasks. */
export async function referenceStandardE2eStudy(slug: string): Promise<ReferenceStandardE2eStudy> {
	const study: ReferenceStandardE2eStudy = {
		slug,
		annotators: [`${slug}.annotator1@x.org`, `${slug}.annotator2@x.org`],
		adjudicator: `${slug}.adjudicator@x.org`
	};
	if ((await query('SELECT id FROM studies WHERE slug = ?', slug)).length > 0) return study;
	e2eCli(['study', 'load', studyFolder(slug)]);
	const add = (email: string, role: string, years: string) =>
		e2eCli(
			[
				...['user', 'add', '--study', slug, '--email', email, '--name', email.split('@')[0]!],
				...['--role', role, '--years', years, '--password-stdin']
			],
			TRUTH_MAKER_PASSWORD
		);
	for (const email of study.annotators) add(email, 'annotator', '5');
	add(study.adjudicator, 'adjudicator', '15');
	for (const [email, role] of [
		[DEMO.admin, 'admin'],
		[DEMO.statistician, 'statistician']
	] as const)
		e2eCli(['user', 'add', '--study', slug, '--email', email, '--name', role, '--role', role]);
	e2eCli(['annotation', 'assign', '--study', slug]);
	return study;
}

/** The annotation task of this annotator for this case. */
export async function taskOf(slug: string, email: string, caseKey: string): Promise<number> {
	const [row] = await query<{ id: number }>(
		`SELECT t.id FROM annotation_tasks t
		 JOIN cases c ON c.id = t.case_id JOIN studies s ON s.id = t.study_id
		 JOIN memberships m ON m.id = t.membership_id JOIN users u ON u.id = m.user_id
		 WHERE s.slug = ? AND u.email = ? AND c.case_key = ?`,
		slug,
		email,
		caseKey
	);
	if (!row) throw new Error(`no task of ${email} for ${caseKey}`);
	return row.id;
}

/** A case's id in Tandem (the adjudicator's pages are by case). */
export async function caseRefOf(slug: string, caseKey: string): Promise<number> {
	const [row] = await query<{ id: number }>(
		'SELECT c.id FROM cases c JOIN studies s ON s.id = c.study_id WHERE s.slug = ? AND c.case_key = ?',
		slug,
		caseKey
	);
	if (!row) throw new Error(`no case ${caseKey}`);
	return row.id;
}
