import { describe, expect, it } from 'vitest';
import { handReads } from '$fixtures/stats/peer-format-data.fixture';
import { expectedFoms, referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { readXlsx, type XlsxSheet } from '$fixtures/stats/xlsx-reader.fixture';
import { workbookBytes, writeRjafrocWorkbook } from '../../server/export/peer-xlsx';
import { empiricalAuc } from '../fom/empirical-auc';
import { ID_MAP_FILE, idMapFile } from './integer-ids';
import { RJAFROC_IMRMC_FILE } from './imrmc';
import { crossReads, type PeerRead } from './peer-reads';
import {
	EXCEL_MAX_ROWS,
	RJAFROC_WORKBOOK_FILE,
	rjafrocRocWorkbook,
	writeRjafrocTextFiles
} from './rjafroc';
import { number as n, text as t, type WorkbookCell } from './workbook';

type Sheets = Array<{ name: string; rows: WorkbookCell[][] }>;

/** code of each integer id, from peer-id-map.csv. */
function codes(reads: readonly PeerRead[]): Map<string, string> {
	const lines = (idMapFile(crossReads(reads)).contents as string).trim().split('\n');
	expect(lines[0]).toBe('kind,code,id');
	return new Map(
		lines
			.slice(1)
			.map((line) => line.split(','))
			.map(([kind, code, id]) => [`${kind} ${id}`, code as string])
	);
}

const value = (cell: WorkbookCell | undefined) => (cell ? cell.value : null);

/** RJafroc's reading rules for a factorial ROC workbook (ReadJAFROCNewFormat, checkTruthTable). */
function expectRjafrocRocWorkbook(sheets: Sheets): void {
	// RJafroc sorts the upper-cased sheet names and wants FP|NL, TP|LL, TRUTH: exactly these three.
	expect(sheets.map((sheet) => sheet.name.toUpperCase()).sort()).toEqual(['FP', 'TP', 'TRUTH']);
	const sheet = (name: string) =>
		(sheets.find((candidate) => candidate.name === name) as { rows: WorkbookCell[][] }).rows;
	const [truthHeader, ...truth] = sheet('Truth');
	const [fpHeader, ...fp] = sheet('FP');
	const [tpHeader, ...tp] = sheet('TP');
	expect(truthHeader).toEqual(
		['CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm'].map(t)
	);
	expect(fpHeader).toEqual(['ReaderID', 'ModalityID', 'CaseID', 'FP_Rating'].map(t));
	expect(tpHeader).toEqual(['ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'].map(t));
	// Truth: whole-number CaseID and LesionID 0/1, numeric weights, no empty cell in columns 1–5;
	// one row per case (ROC); ReaderID and ModalityID are text lists, the same on every row.
	for (const row of truth) {
		expect(
			row.slice(0, 3).every((cell) => cell?.type === 'number' && Number.isInteger(cell.value))
		).toBe(true);
		expect([0, 1]).toContain(value(row[1]));
		expect(row[3]?.type).toBe('text');
		expect(row[4]?.type).toBe('text');
		expect(row.slice(3, 5)).toEqual(truth[0]?.slice(3, 5));
	}
	expect(truth.map((row) => value(row[5]))).toEqual([
		'ROC',
		'FCTRL',
		...truth.slice(2).map(() => null)
	]);
	const caseIds = truth.map((row) => value(row[0]));
	expect(new Set(caseIds).size).toBe(caseIds.length);
	const list = (cell: WorkbookCell | undefined) => String(value(cell)).split(/,\s*/);
	const readers = list(truth[0]?.[3]);
	const modalities = list(truth[0]?.[4]);
	const normal = new Set(truth.filter((row) => value(row[1]) === 0).map((row) => value(row[0])));
	const abnormal = new Set(truth.filter((row) => value(row[1]) === 1).map((row) => value(row[0])));
	// FP holds exactly the non-diseased cases, TP the diseased ones (lesion 1), once per reader × modality.
	const key = (row: WorkbookCell[]) => `${value(row[1])}|${value(row[0])}|${value(row[2])}`;
	for (const [rows, cases, lesion] of [
		[fp, normal, false],
		[tp, abnormal, true]
	] as const) {
		expect(rows).toHaveLength(readers.length * modalities.length * cases.size);
		expect(new Set(rows.map(key)).size).toBe(rows.length);
		for (const row of rows) {
			expect(row[0]?.type === 'text' && readers.includes(String(value(row[0])))).toBe(true);
			expect(row[1]?.type === 'text' && modalities.includes(String(value(row[1])))).toBe(true);
			expect(cases.has(value(row[2]))).toBe(true);
			if (lesion) expect(row[3]).toEqual(n(1));
			expect(row.at(-1)?.type).toBe('number');
		}
	}
}

/** The reads back from the FP and TP sheets, ids decoded with the id map. */
function readsFrom(
	sheets: Sheets,
	reads: readonly PeerRead[]
): Map<string, { rating: number; truth: number }> {
	const code = codes(reads);
	const found = new Map<string, { rating: number; truth: number }>();
	for (const [name, truth] of [
		['FP', 0],
		['TP', 1]
	] as const) {
		const rows = (
			sheets.find((sheet) => sheet.name === name) as { rows: WorkbookCell[][] }
		).rows.slice(1);
		for (const row of rows) {
			const id = `${code.get(`reader ${value(row[0])}`)}|${code.get(`modality ${value(row[1])}`)}|${code.get(`case ${value(row[2])}`)}`;
			found.set(id, { rating: value(row.at(-1)) as number, truth });
		}
	}
	return found;
}

function expectEveryRead(sheets: Sheets, reads: readonly PeerRead[]): void {
	const found = readsFrom(sheets, reads);
	expect(found.size).toBe(reads.length);
	for (const read of reads)
		expect(found.get(`${read.reader}|${read.modality}|${read.case}`)).toEqual({
			rating: read.rating,
			truth: read.truth
		});
}

async function writtenAndReadBack(reads: readonly PeerRead[]): Promise<XlsxSheet[]> {
	return readXlsx(await workbookBytes(rjafrocRocWorkbook(reads)));
}

/** The sheets without trailing empty cells, which an .xlsx file does not store. */
function withoutTrailingEmptyCells(sheets: Sheets): Sheets {
	return sheets.map(({ name, rows }) => ({
		name,
		rows: rows.map((row) => {
			let end = row.length;
			while (end > 0 && row[end - 1] === null) end--;
			return row.slice(0, end);
		})
	}));
}

describe('RJafroc JAFROC ROC workbook', () => {
	it('lays out Truth, FP and TP as RJafroc’s new Excel format: integer ids, text reader and modality lists', () => {
		const workbook = rjafrocRocWorkbook(handReads);
		expect(workbook.fileName).toBe(RJAFROC_WORKBOOK_FILE);
		// ids (peer-id-map.csv): reader 1 = r2, 2 = r10; modality 1 = A, 2 = B; case 1 = c1 (truth 0), 2 = c2 (truth 1)
		expect(workbook.sheets).toEqual([
			{
				name: 'Truth',
				rows: [
					['CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm'].map(t),
					[n(1), n(0), n(0), t('1, 2'), t('1, 2'), t('ROC')],
					[n(2), n(1), n(1), t('1, 2'), t('1, 2'), t('FCTRL')]
				]
			},
			{
				name: 'FP',
				rows: [
					['ReaderID', 'ModalityID', 'CaseID', 'FP_Rating'].map(t),
					[t('1'), t('1'), n(1), n(0.1 + 0.2)],
					[t('2'), t('1'), n(1), n(2.5)],
					[t('1'), t('2'), n(1), n(-1e-7)],
					[t('2'), t('2'), n(1), n(4.25)]
				]
			},
			{
				name: 'TP',
				rows: [
					['ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'].map(t),
					[t('1'), t('1'), n(2), n(1), n(3)],
					[t('2'), t('1'), n(2), n(1), n(2.5)],
					[t('1'), t('2'), n(2), n(1), n(1e21)],
					[t('2'), t('2'), n(2), n(1), n(5)]
				]
			}
		]);
		expectRjafrocRocWorkbook(workbook.sheets);
	});

	it('follows RJafroc’s reading rules for the Van Dyke study, non-diseased cases first, every rating in place', () => {
		const reads = referenceRows('vandyke.csv');
		const { sheets } = rjafrocRocWorkbook(reads);
		expectRjafrocRocWorkbook(sheets);
		const truth = sheets[0]!.rows.slice(1);
		expect(truth).toHaveLength(114);
		expect(
			truth.slice(0, 69).every((row) => value(row[1]) === 0) &&
				truth.slice(69).every((row) => value(row[1]) === 1)
		).toBe(true);
		expect(value(truth[0]?.[3])).toBe('1, 2, 3, 4, 5');
		expect(value(truth[0]?.[4])).toBe('1, 2');
		expect(sheets.map((sheet) => sheet.rows.length - 1)).toEqual([114, 5 * 2 * 69, 5 * 2 * 45]);
		expectEveryRead(sheets, reads);
	});

	it('survives the round trip through .xlsx bytes: same cells, same types, every Van Dyke rating in place', async () => {
		const reads = referenceRows('vandyke.csv');
		const backFromBytes = await writtenAndReadBack(reads);
		expect(backFromBytes).toEqual(withoutTrailingEmptyCells(rjafrocRocWorkbook(reads).sheets));
		expectRjafrocRocWorkbook(backFromBytes);
		expectEveryRead(backFromBytes, reads);
	});

	it('gives MRMCaov’s per-reader AUCs (RJafroc’s Wilcoxon FOM) when analysed from the .xlsx bytes', async () => {
		const reads = referenceRows('vandyke.csv');
		const found = readsFrom(await writtenAndReadBack(reads), reads);
		const cases = [...new Set(reads.map((read) => read.case))];
		for (const expected of expectedFoms('vandyke.auc.jackknife.expected.json')) {
			const cells = cases.map(
				(id) =>
					found.get(`${expected.reader}|${expected.modality}|${id}`) as {
						rating: number;
						truth: number;
					}
			);
			const auc = empiricalAuc(
				Float64Array.from(cells, (cell) => cell.rating),
				Uint8Array.from(cells, (cell) => cell.truth)
			);
			expect(Math.abs(auc - expected.estimate)).toBeLessThan(1e-12);
		}
	});

	it('keeps decimals, exponents, negative ratings and ties exactly through the .xlsx bytes', async () => {
		const backFromBytes = await writtenAndReadBack(handReads);
		expect(backFromBytes).toEqual(withoutTrailingEmptyCells(rjafrocRocWorkbook(handReads).sheets));
		expectEveryRead(backFromBytes, handReads);
	});

	it('writes rjafroc-roc.xlsx as a zip (xlsx) file', async () => {
		const file = await writeRjafrocWorkbook(handReads);
		expect(file.fileName).toBe(RJAFROC_WORKBOOK_FILE);
		expect(file.contents).toBeInstanceOf(Uint8Array);
		expect(Array.from((file.contents as Uint8Array).subarray(0, 4))).toEqual([
			0x50, 0x4b, 0x03, 0x04
		]);
	});

	it('writes the text route for RJafroc (legacy .imrmc) with the id map', () => {
		const files = writeRjafrocTextFiles(handReads);
		expect(files.map((file) => file.fileName)).toEqual([RJAFROC_IMRMC_FILE, ID_MAP_FILE]);
		expect(files[1]?.contents).toBe(
			[
				'kind,code,id',
				'reader,r2,1',
				'reader,r10,2',
				'modality,A,1',
				'modality,B,2',
				'case,c1,1',
				'case,c2,2',
				''
			].join('\n')
		);
	});

	it('refuses a study whose FP or TP sheet would pass Excel’s row limit, pointing to the .imrmc route', () => {
		const reads = referenceRows('vandyke.csv'); // FP: 1 header + 5 × 2 × 69 = 691 rows
		expect(() => rjafrocRocWorkbook(reads, { maxRows: 690 })).toThrow(
			'the RJafroc workbook would need 691 rows in one sheet, more than an Excel sheet holds (690); use rjafroc-reads.imrmc with RJafroc instead'
		);
		expect(rjafrocRocWorkbook(reads, { maxRows: 691 }).sheets[1]?.rows).toHaveLength(691);
		expect(EXCEL_MAX_ROWS).toBe(2 ** 20);
	});

	it('refuses a table with a missing read', () => {
		const reads = referenceRows('vandyke.csv').filter(
			(read) => !(read.reader === '5' && read.modality === '1' && read.case === '100')
		);
		expect(() => rjafrocRocWorkbook(reads)).toThrow(
			"missing read: reader '5', modality '1', case '100'"
		);
	});
});
