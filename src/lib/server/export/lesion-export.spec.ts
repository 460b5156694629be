// The lesion-level files of the blind export, checked cell by cell: the truth lesions under case
// codes (lesions.csv, lesion-regions.csv) and each read's marks matched by the protocol's rule
// (marks.csv) — an LL, two marks on one lesion, a far mark, a mark on a non-diseased case —, with
// distances in mm through the images' PixelSpacing; nothing in them names a case or a UID.
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBlind, type CodeKey } from './blind-export.service';
import { lockStudy } from './lock.service';
import { submitRead } from '../reads/read.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { fourViews, writeMammogram } from '$fixtures/mammography-dicom.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { signer } from '$fixtures/signer.fixture';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../stats/input/lesion-csv';
import { wafrocFom } from '../../stats/lesion/wafroc';
import { lesionSensitivityFom } from '../../stats/lesion/lesion-sensitivity';
import { nlPerImageFom } from '../../stats/lesion/nl-per-image';
import { readJafrocWorkbook } from './jafroc-xlsx';

const YAML = FIXTURE_YAML.replace(
	'  confidence: percent\n',
	'  confidence: percent\n  lesion_marks: true\n'
)
	.replace('  file: truth.csv\n', '  file: truth.csv\n  lesions: lesions.csv\n')
	.concat('matching:\n  criterion: distance\n  acceptance_mm: 10\n');

// Diseased: K1, K2, K5, K6, K9, K10 (twelveCaseOptions). K1 has two lesions: a point (weight 0.25,
// given) and a box drawn on two rows of the file (one lesion, two regions).
const LESIONS = [
	'case_id,lesion_id,image,x,y,radius_mm,x0,y0,x1,y1,weight,type',
	'K1,1,1,100,100,0,,,,,0.25,mass',
	'K1,2,1,,,,200,50,220,70,0.75,calcification',
	'K1,2,1,,,,30,250,40,260,,',
	...['K2', 'K5', 'K6', 'K9', 'K10'].map((key) => `${key},a,1,50,50,2,,,,,,mass`)
];

/** Every image: 256 × 320 pixels, PixelSpacing 0.25 mm between rows, 0.5 mm between columns. */
function writeImages(dir: string) {
	const view = fourViews('lesion-export', '20260105')[0]!;
	for (let k = 1; k <= 12; k++)
		writeFileSync(
			join(dir, 'images', `K${k}`, '001.dcm'),
			writeMammogram({ ...view, study: `K${k}` }, 1, { PixelSpacing: [0.25, 0.5] })
		);
	writeFileSync(join(dir, 'lesions.csv'), LESIONS.join('\n') + '\n');
}

/** Before the simulated reads start, so the washout of period 2 ends before now. */
const EARLY = new Date('2026-01-05T08:00:00Z');

const csvRows = (text: string) => {
	const [header, ...lines] = text.trim().split('\n');
	const names = header!.split(',');
	return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
};

describe('the lesion-level files of a blind export', () => {
	it('codes the truth lesions and classifies every mark by the matching rule', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b'], {
			...twelveCaseOptions(YAML),
			writeImages
		});
		const reader = readers[0]!;
		const assignment = async (caseKey: string) =>
			(await readerAssignments(db, reader.email, { study: 'mini-study', period: 1, caseKey }))[0]!;
		const k1 = await assignment('K1');
		// Marks 1 and 2: 2 and 5 mm right of lesion 1 (4 and 10 columns × 0.5 mm); mark 5: 10 mm
		// below it (40 rows × 0.25 mm; 20 mm with the spacings swapped, 40 px without them), rated
		// highest → the LL of lesion 1, marks 1 and 2 NLs. Mark 3: 2.5 mm right of lesion 2's first
		// box → LL 2. Mark 4: 12 mm below lesion 2's second box (48 rows) → NL.
		await submitRead(
			db,
			reader,
			{
				assignment: k1.id,
				clientId: 'lesion-k1',
				decision: 1,
				confidence: 90,
				marks: [
					{ image: 1, x: 104, y: 100, confidence: 60 },
					{ image: 1, x: 110, y: 100, confidence: 80 },
					{ image: 1, x: 225, y: 60, confidence: 70 },
					{ image: 1, x: 35, y: 308, confidence: 20 },
					{ image: 1, x: 100, y: 140, confidence: 85 }
				]
			},
			EARLY
		);
		const k3 = await assignment('K3');
		await submitRead(
			db,
			reader,
			{
				assignment: k3.id,
				clientId: 'lesion-k3',
				decision: 1,
				confidence: 55,
				marks: [{ image: 1, x: 50, y: 50, confidence: 55 }]
			},
			EARLY
		);
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 5,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		await expect(sqlRun(db, 'UPDATE truth_lesions SET weight = 0.3')).rejects.toThrow(
			'the study is locked: the truth lesions can no longer change'
		);
		const { userId } = await addUser(db, operatorPrincipal(), {
			email: 's@x.org',
			name: 'S',
			role: 'statistician',
			study: 'mini-study',
			password: 'long enough password'
		});
		const statistician: UserPrincipal = { kind: 'user', userId, email: 's@x.org', name: 'S' };
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-lesion-export-')), 'export');
		const { exportId } = await exportBlind(db, statistician, 'mini-study', out);
		const key = JSON.parse(
			(
				(await sqlRow(
					db,
					'SELECT code_key_json AS k FROM blind_exports WHERE id = ?',
					exportId
				)) as {
					k: string;
				}
			).k
		) as CodeKey;
		const codeOf = (book: Record<string, string>, id: string) =>
			Object.entries(book).find(([, value]) => value === id)![0];
		const [c1, c3] = [codeOf(key.cases, 'K1'), codeOf(key.cases, 'K3')];
		const read = (name: string) => readFileSync(join(out, name), 'utf8');

		// lesions.csv: one row per lesion of a diseased case, `case,0,0` per non-diseased one.
		const lesions = csvRows(read('lesions.csv'));
		expect(read('lesions.csv').split('\n')[0]).toBe('case,lesion,weight,type');
		expect(lesions).toHaveLength(7 + 6);
		expect(lesions.filter((row) => row.case === c1)).toEqual([
			{ case: c1, lesion: '1', weight: '0.25', type: 'mass' },
			{ case: c1, lesion: '2', weight: '0.75', type: 'calcification' }
		]);
		expect(lesions.filter((row) => row.case === c3)).toEqual([
			{ case: c3, lesion: '0', weight: '0', type: '' }
		]);
		const k2 = lesions.find((row) => row.case === codeOf(key.cases, 'K2'));
		expect(k2).toEqual({ case: codeOf(key.cases, 'K2'), lesion: 'a', weight: '1', type: 'mass' });
		expect(lesions.map((row) => row.case)).toEqual(lesions.map((row) => row.case).sort());

		// lesion-regions.csv: where each lesion lies, one row per region.
		expect(read('lesion-regions.csv').split('\n')[0]).toBe(
			'case,lesion,image_first,image_last,frame,shape,x,y,radius_mm,x0,y0,x1,y1,contour'
		);
		expect(
			read('lesion-regions.csv')
				.split('\n')
				.filter((line) => line.startsWith(c1))
		).toEqual([
			`${c1},1,1,1,,point,100,100,0,,,,,`,
			`${c1},2,1,1,,box,,,,200,50,220,70,`,
			`${c1},2,1,1,,box,,,,30,250,40,260,`
		]);
		expect(csvRows(read('lesion-regions.csv'))).toHaveLength(8);

		// marks.csv: the two reads with marks, classified, in code order.
		const marksText = read('marks.csv');
		expect(marksText.split('\n')[0]).toBe(
			'reader,modality,case,lesion,rating,read_version,superseded,mark,image,frame,x,y,x0,y0,x1,y1'
		);
		const readerCode = (
			(await sqlRow(
				db,
				'SELECT e.reader_code AS code FROM reader_enrolments e JOIN memberships m ON m.id = e.membership_id WHERE m.user_id = ?',
				reader.userId
			)) as { code: string }
		).code;
		const [r, m1, m3] = [
			codeOf(key.readers, readerCode),
			codeOf(key.arms, k1.arm),
			codeOf(key.arms, k3.arm)
		];
		const rows = marksText.trim().split('\n').slice(1);
		expect(rows).toHaveLength(6);
		expect(rows.filter((line) => line.includes(`,${c1},`))).toEqual([
			`${r},${m1},${c1},0,60,1,0,1,1,,104,100,,,,`,
			`${r},${m1},${c1},0,80,1,0,2,1,,110,100,,,,`,
			`${r},${m1},${c1},2,70,1,0,3,1,,225,60,,,,`,
			`${r},${m1},${c1},0,20,1,0,4,1,,35,308,,,,`,
			`${r},${m1},${c1},1,85,1,0,5,1,,100,140,,,,`
		]);
		expect(rows.filter((line) => line.includes(`,${c3},`))).toEqual([
			`${r},${m3},${c3},0,55,1,0,1,1,,50,50,,,,`
		]);

		// `tandem analyze` reads the pair.
		const truth = parseLesionTruthCsv(read('lesions.csv'));
		expect(truth.cases).toHaveLength(12);
		expect(truth.lesionIds).toHaveLength(7);
		const fromCsv = parseLesionMarksCsv(marksText, truth);
		expect(fromCsv.readers).toEqual([r]);
		// …and RJafroc the same study from peer-formats/jafroc-froc.xlsx.
		const fromXlsx = await readJafrocWorkbook(
			readFileSync(join(out, 'peer-formats', 'jafroc-froc.xlsx')),
			'jafroc-froc.xlsx'
		);
		expect(fromXlsx.readers).toEqual(fromCsv.readers);
		expect(fromXlsx.modalities).toEqual(fromCsv.modalities);
		expect(fromXlsx.cases).toEqual(fromCsv.cases);
		const figures = (study: typeof fromCsv) =>
			study.marks
				.flat()
				.flatMap((marks) =>
					[wafrocFom, lesionSensitivityFom, nlPerImageFom].map(
						(figure) => figure.compute(study, marks).estimate
					)
				);
		expect(figures(fromXlsx)).toEqual(figures(fromCsv));
		expect(figures(fromCsv).some((value) => value > 0)).toBe(true);

		// Blind: no case key, no UID in any lesion-level file.
		for (const name of ['lesions.csv', 'lesion-regions.csv', 'marks.csv']) {
			const text = read(name);
			expect(text).not.toMatch(/\bK\d+\b/);
			expect(text).not.toMatch(/2\.25\.\d{6,}/);
		}
		expect(readdirSync(out)).toEqual(
			expect.arrayContaining(['lesions.csv', 'lesion-regions.csv', 'marks.csv'])
		);
	}, 60_000);
});
