import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePath } from '../../../../tests/reference/reference-files';
import {
	jafrocWorkbookBytes,
	readJafrocWorkbook,
	readWorkbookSheets
} from '../../server/export/jafroc-xlsx';
import { workbookBytes } from '../../server/export/peer-xlsx';
import { jafrocFrocWorkbook } from '../formats/jafroc-froc';
import { lesionMarksCsvText, lesionTruthCsvText } from '../formats/lesion-csv-writer';
import { number as n, text as t, type WorkbookCell } from '../formats/workbook';
import { parseLesionMarksCsv, parseLesionTruthCsv } from './lesion-csv';

const fedTruth = readFileSync(referencePath('froc/fed.truth.csv'), 'utf8');
const fedMarks = readFileSync(referencePath('froc/fed.marks.csv'), 'utf8');

function fromCsv(truthText: string, marksText: string) {
	return parseLesionMarksCsv(marksText, parseLesionTruthCsv(truthText));
}

/** CSV pair → .xlsx bytes → study → CSV pair. */
async function throughWorkbook(truthText: string, marksText: string) {
	const bytes = await jafrocWorkbookBytes(fromCsv(truthText, marksText));
	const study = await readJafrocWorkbook(bytes, 'study.xlsx');
	return { truth: lesionTruthCsvText(study), marks: lesionMarksCsvText(study), bytes };
}

const sortedLines = (text: string) => text.trim().split('\n').slice(1).sort();

describe('the JAFROC FROC workbook, written and read back', () => {
	it('round-trips FED: CSV → xlsx → CSV is the same text, the same rows as the reference files', async () => {
		const canonical = fromCsv(fedTruth, fedMarks);
		const truthText = lesionTruthCsvText(canonical);
		const marksText = lesionMarksCsvText(canonical);
		expect(truthText).toBe(fedTruth);
		expect(sortedLines(marksText)).toEqual(sortedLines(fedMarks));
		const back = await throughWorkbook(truthText, marksText);
		expect(back.truth).toBe(truthText);
		expect(back.marks).toBe(marksText);
	});

	it('keeps ids RJafroc cannot take (text case ids, readers with spaces, lesion names) in the Truth IDs sheet', async () => {
		const truthText = 'case,lesion,weight\nc-2,0,0\nc-1,left,0.25\nc-1,right,0.75\nc-3,9,1\n';
		const marksText = [
			'reader,modality,case,lesion,rating',
			'dr a,CT,c-2,0,2',
			'dr a,CT,c-1,right,4',
			'dr a,MR,c-2,0,3',
			'dr a,MR,c-2,0,1',
			'dr b,CT,c-3,9,5',
			''
		].join('\n');
		const canonical = fromCsv(truthText, marksText);
		const back = await throughWorkbook(
			lesionTruthCsvText(canonical),
			lesionMarksCsvText(canonical)
		);
		expect(back.truth).toBe(truthText);
		expect(back.marks).toBe(lesionMarksCsvText(canonical));
		const sheets = await readWorkbookSheets(back.bytes, 'study.xlsx');
		// RJafroc takes the first three sorted sheet names: FP, TP, TRUTH; the id map sorts after.
		expect(sheets.map((sheet) => sheet.name.toUpperCase()).sort()).toEqual([
			'FP',
			'TP',
			'TRUTH',
			'TRUTH IDS'
		]);
		const truthSheet = sheets.find((sheet) => sheet.name === 'Truth')?.rows;
		expect(truthSheet).toEqual([
			['CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm'],
			[1, 0, 0, '1, 2', 'CT, MR', 'FROC'],
			[2, 1, 0.25, '1, 2', 'CT, MR', 'FCTRL'],
			[2, 2, 0.75, '1, 2', 'CT, MR', null],
			[3, 1, 1, '1, 2', 'CT, MR', null]
		]);
		expect(sheets.find((sheet) => sheet.name === 'TP')?.rows).toEqual([
			['ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'],
			['1', 'CT', 2, 2, 4],
			['2', 'CT', 3, 1, 5]
		]);
		expect(sheets.find((sheet) => sheet.name === 'FP')?.rows).toEqual([
			['ReaderID', 'ModalityID', 'CaseID', 'FP_Rating'],
			['1', 'CT', 1, 2],
			['1', 'MR', 1, 3],
			['1', 'MR', 1, 1]
		]);
	});

	it('refuses a study one sheet cannot hold, naming the row count', () => {
		const study = fromCsv(fedTruth, fedMarks);
		expect(() => jafrocFrocWorkbook(study, 'x.xlsx', { maxRows: 1000 })).toThrow(
			'the JAFROC workbook would need 1827 rows in one sheet, more than an Excel sheet holds (1000)'
		);
	});

	it('refuses a Truth IDs sheet that gives two cases one id', async () => {
		await expect(
			read({
				Truth: goodTruth,
				NL: goodNl,
				LL: goodLl,
				'Truth IDs': [
					header('Kind', 'ID', 'CaseID', 'TandemID'),
					[t('case'), n(1), null, t('c-1')],
					[t('case'), n(2), null, t('c-1')]
				]
			})
		).rejects.toThrow('bad.xlsx: sheet Truth IDs maps cases 1 and 2 both to c-1');
	});

	it('writes no id sheet when every id is one RJafroc takes', async () => {
		const study = fromCsv(
			'case,lesion,weight\n7,0,0\n8,1,1\n',
			'reader,modality,case,lesion,rating\n1,1,8,1,3\n'
		);
		expect(jafrocFrocWorkbook(study, 'x.xlsx').sheets.map((sheet) => sheet.name)).toEqual([
			'Truth',
			'FP',
			'TP'
		]);
	});
});

const header = (...names: string[]) => names.map(t);
const truthHeader = header('CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm');
const goodTruth: WorkbookCell[][] = [
	truthHeader,
	[n(1), n(0), n(0), t('1, 2'), t('1'), t('FROC')],
	[n(2), n(1), n(0.5), t('1, 2'), t('1'), t('FCTRL')],
	[n(2), n(2), n(0.5), t('1, 2'), t('1'), null]
];
const goodNl: WorkbookCell[][] = [
	header('ReaderID', 'ModalityID', 'CaseID', 'NL_Rating'),
	[t('1'), t('1'), n(1), n(2)]
];
const goodLl: WorkbookCell[][] = [
	header('ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'LL_Rating'),
	[t('1'), t('1'), n(2), n(1), n(4)],
	[t('2'), t('1'), n(2), n(2), n(3)]
];

async function read(sheets: Record<string, WorkbookCell[][]>) {
	const bytes = await workbookBytes({
		fileName: 'bad.xlsx',
		sheets: Object.entries(sheets).map(([name, rows]) => ({ name, rows }))
	});
	return readJafrocWorkbook(bytes, 'bad.xlsx');
}

describe('reading a JAFROC workbook', () => {
	it('reads the NL / LL spelling and RJafroc equal weights (all 0)', async () => {
		const study = await read({
			Truth: goodTruth.map((row, index) => (index > 1 ? [row[0]!, row[1]!, n(0)] : row)),
			NL: goodNl,
			LL: goodLl
		});
		expect(study.cases).toEqual(['1', '2']);
		expect([...study.truth]).toEqual([0, 1]);
		expect([...study.weights]).toEqual([0.5, 0.5]);
		expect(study.readers).toEqual(['1', '2']);
		expect([...study.marks[0]![0]!.ll]).toEqual([4, -Infinity]);
		expect([...study.marks[0]![0]!.nl]).toEqual([2]);
		expect([...study.marks[0]![1]!.ll]).toEqual([-Infinity, 3]);
	});

	it.each([
		[
			'a missing sheet',
			{ Truth: goodTruth, NL: goodNl },
			"bad.xlsx: no sheet 'TP' or 'LL' (the workbook has 'Truth', 'NL')"
		],
		[
			'a missing column',
			{
				Truth: goodTruth,
				NL: [header('ReaderID', 'ModalityID', 'Case', 'NL_Rating'), ...goodNl.slice(1)],
				LL: goodLl
			},
			"bad.xlsx: sheet NL, row 1: missing column 'CaseID' (the header row must name ReaderID, ModalityID, CaseID, FP_Rating or NL_Rating)"
		],
		[
			'an unknown case',
			{ Truth: goodTruth, NL: [...goodNl, [t('1'), t('1'), n(5), n(1)]], LL: goodLl },
			'bad.xlsx: sheet NL, row 3, column C (CaseID): case 5 is not in the Truth sheet'
		],
		[
			'an LL for a lesion not in Truth',
			{ Truth: goodTruth, NL: goodNl, LL: [...goodLl, [t('1'), t('1'), n(2), n(3), n(2)]] },
			'bad.xlsx: sheet LL, row 4, column D (LesionID): lesion 3 of case 2 is not in the Truth sheet'
		],
		[
			'an LL on a non-diseased case',
			{ Truth: goodTruth, NL: goodNl, LL: [...goodLl, [t('1'), t('1'), n(1), n(1), n(2)]] },
			'bad.xlsx: sheet LL, row 4, column D (LesionID): case 1 is non-diseased in the Truth sheet'
		],
		[
			'weights not summing to 1',
			{
				Truth: [...goodTruth.slice(0, 3), [n(2), n(2), n(0.4), t('1, 2'), t('1'), null]],
				NL: goodNl,
				LL: goodLl
			},
			"bad.xlsx: sheet Truth, row 3, column C (Weight): the weights of case 2's lesions sum to 0.9, not 1"
		],
		[
			'a non-number rating',
			{ Truth: goodTruth, NL: [...goodNl, [t('1'), t('1'), n(1), t('high')]], LL: goodLl },
			"bad.xlsx: sheet NL, row 3, column D (NL_Rating): 'high' is not a finite number"
		],
		[
			'a second LL on one lesion',
			{ Truth: goodTruth, NL: goodNl, LL: [...goodLl, [t('1'), t('1'), n(2), n(1), n(2)]] },
			'bad.xlsx: sheet LL, row 4, column D (LesionID): lesion 1 of case 2 has a second rating from reader 1 in modality 1 (first on row 2)'
		],
		[
			'a reader not listed in Truth',
			{ Truth: goodTruth, NL: [...goodNl, [t('9'), t('1'), n(1), n(1)]], LL: goodLl },
			"bad.xlsx: sheet NL, row 3, column A (ReaderID): reader 9 is not listed in the Truth sheet's ReaderID column"
		],
		[
			'an ROC workbook',
			{
				Truth: goodTruth.map((row, index) => (index === 1 ? [...row.slice(0, 5), t('ROC')] : row)),
				NL: goodNl,
				LL: goodLl
			},
			'bad.xlsx: sheet Truth, row 2, column F (Paradigm): the paradigm is ROC; lesion-level analysis reads FROC workbooks'
		]
	])('refuses %s, naming sheet, row and column', async (_, sheets, message) => {
		await expect(read(sheets)).rejects.toThrow(message);
	});

	it('refuses a file that is no workbook', async () => {
		await expect(
			readJafrocWorkbook(new TextEncoder().encode('case,lesion\n'), 'x.xlsx')
		).rejects.toThrow('x.xlsx: not a readable .xlsx workbook');
	});
});
