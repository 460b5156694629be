// The FROC demo study (studies/demo-mammography) under its own slug, for a browser test that reads,
// locks and unblinds it without touching the shared demo: the protocol with the slug, a title of
// its own and a fully crossed design (no washout, so that `demo simulate-reads` reads everything a
// real reader left after their own reads), the model copied, and of the demo's 24 cases the first
// eight (four normal, four with lesions, the two-lesion M006 among them): their rows of the CSVs,
// their images hard-linked. Eight, because the lock waits until the AI has scored every case, and
// a mammography case takes the scoring seconds (four 3328 × 4096 views, decoded and run through
// the detector). Loaded with four readers over two sites and the demo's admin, statistician and
// evaluator, the case set frozen (signed by the demo admin). The demo images must exist (the e2e
// server generates them when it starts).
import {
	cpSync,
	linkSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eCli } from './trial-study.fixture';
import { DEMO, DEMO_PASSWORD } from './session.fixture';

const DEMO_STUDY = 'studies/demo-mammography';
export const FROC_READER_PASSWORD = 'froc reader password 1';
/** The demo's cases in the copy: M001, M003, M007 and M008 normal; M002, M004, M005 and M006 not. */
const COPIED_CASES = ['M001', 'M002', 'M003', 'M004', 'M005', 'M006', 'M007', 'M008'];

/** One region of a truth lesion, as lesions.csv states it (stored pixels, before any mirroring). */
export interface LesionRow {
	caseKey: string;
	lesion: string;
	image: number;
	x: number;
	y: number;
	radiusMm: number;
}

export interface FrocTrial {
	slug: string;
	readers: string[];
	lesions: LesionRow[];
}

function frocDemoCopy(slug: string): string {
	const yaml = readFileSync(join(DEMO_STUDY, 'study.yaml'), 'utf8')
		.replace(/^slug: .*$/m, `slug: ${slug}`)
		.replace(/^title: .*$/m, `title: FROC trial of the mammography demo (${slug})`)
		.replace(
			/^design:\n(?: {2}.*\n)+/m,
			'design:\n  type: fully-crossed\n  session_max_cases: 24\n'
		);
	if (!yaml.includes('task: froc') || !yaml.includes('type: fully-crossed'))
		throw new Error('the mammography demo protocol no longer fits this copy');
	const dir = mkdtempSync(join(tmpdir(), `tandem-${slug}-`));
	writeFileSync(join(dir, 'study.yaml'), yaml);
	// Each CSV's header and the rows of the copy's cases (the case id is every file's first column).
	for (const file of ['cases.csv', 'truth.csv', 'lesions.csv']) {
		const [header, ...rows] = readFileSync(join(DEMO_STUDY, file), 'utf8').trim().split('\n');
		const kept = rows.filter((row) => COPIED_CASES.includes(row.split(',')[0]!));
		writeFileSync(join(dir, file), [header, ...kept].join('\n') + '\n');
	}
	cpSync(join(DEMO_STUDY, 'model'), join(dir, 'model'), { recursive: true });
	const images = join(DEMO_STUDY, 'images');
	for (const entry of readdirSync(images, { withFileTypes: true })) {
		if (!entry.isDirectory()) {
			cpSync(join(images, entry.name), join(dir, 'images', entry.name));
			continue;
		}
		if (!COPIED_CASES.includes(entry.name)) continue;
		mkdirSync(join(dir, 'images', entry.name), { recursive: true });
		for (const file of readdirSync(join(images, entry.name)))
			linkSync(join(images, entry.name, file), join(dir, 'images', entry.name, file));
	}
	return dir;
}

function lesionRows(): LesionRow[] {
	const [header, ...all] = readFileSync(join(DEMO_STUDY, 'lesions.csv'), 'utf8').trim().split('\n');
	const rows = all.filter((row) => COPIED_CASES.includes(row.split(',')[0]!));
	const columns = header!.split(',');
	return rows.map((row) => {
		const cell = (name: string) => row.split(',')[columns.indexOf(name)]!;
		return {
			caseKey: cell('case_id'),
			lesion: cell('lesion_id'),
			image: Number(cell('image')),
			x: Number(cell('x')),
			y: Number(cell('y')),
			radiusMm: Number(cell('radius_mm'))
		};
	});
}

/**
 * Locks the study, makes its blind export into a folder of the test's (to read its files) and
 * registers the evaluator's results: the export's id and folder. Signed by the demo admin.
 */
export function lockAndExport(slug: string): { exportId: string; dir: string } {
	e2eCli(
		[
			...['study', 'lock', '--study', slug, '--reason', 'all reads in'],
			...['--as', DEMO.admin, '--meaning', 'approved']
		],
		'',
		{ TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD }
	);
	const dir = join(mkdtempSync(join(tmpdir(), `tandem-${slug}-`)), 'export');
	const out = e2eCli(['export', 'blind', '--study', slug, '--out', dir]);
	const exportId = /^export (\d+):/.exec(out)?.[1];
	if (!exportId) throw new Error(`no export id in: ${out}`);
	e2eCli([
		...['export', 'register-results', '--study', slug, '--export', exportId],
		...['--sha256', 'c'.repeat(64)]
	]);
	return { exportId, dir };
}

/** Loads the copy, enrols its readers and the demo staff, and freezes the case set. */
export function loadFrocTrial(slug: string): FrocTrial {
	e2eCli(['study', 'load', frocDemoCopy(slug)]);
	const readers = ['site-a', 'site-b', 'site-a', 'site-b'].map((site, index) => {
		const email = `${slug}.r${index + 1}@x.org`;
		e2eCli(
			[
				...['reader', 'enrol', '--study', slug, '--site', site, '--email', email],
				...['--name', `FROC Reader ${index + 1}`, '--password-stdin']
			],
			FROC_READER_PASSWORD
		);
		return email;
	});
	for (const role of ['admin', 'statistician', 'evaluator'] as const)
		e2eCli([
			...['user', 'add', '--study', slug, '--email', DEMO[role]],
			...['--name', role, '--role', role]
		]);
	e2eCli(
		[
			...['cases', 'freeze', '--study', slug, '--reason', 'the demo cases as generated'],
			...['--accept-warnings', '--as', DEMO.admin, '--meaning', 'approved']
		],
		'',
		{ TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD }
	);
	return { slug, readers, lesions: lesionRows() };
}
