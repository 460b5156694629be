// Error messages are part of the interface: each names the line and the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLongCsv } from './long-csv';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/stats/${name}`, import.meta.url), 'utf8');

describe('parseLongCsv', () => {
	it('builds a fully crossed study with natural reader/modality order and quoted ids', () => {
		const study = parseLongCsv(fixture('three-modalities.csv'));
		expect(study.readers).toEqual(['r1', 'r2', 'r3', 'r10']);
		expect(study.modalities).toEqual(['CT, low dose', 'MRI', 'XR']);
		expect(study.cases).toHaveLength(18);
		expect(Array.from(study.truth).filter((t) => t === 1)).toHaveLength(6);
		// decision and time_ms of reader r1 in "CT, low dose" (cases c1…c18), and of r10 in XR, read off the file.
		expect(Array.from(study.decision![0]![0]!)).toEqual([
			0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0
		]);
		expect(Array.from(study.timeMs![0]![0]!)).toEqual([
			81033, 79222, 44203, 87096, 44402, 32336, 25489, 71925, 40643, 21966, 24673, 44930, 80808,
			62767, 88042, 50624, 31139, 79943
		]);
		expect(Array.from(study.decision![2]![3]!)).toEqual([
			1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0
		]);
		expect(Array.from(study.timeMs![2]![3]!)).toEqual([
			49350, 31430, 70852, 37027, 20881, 69388, 85883, 64970, 46855, 32971, 36185, 47957, 31513,
			60613, 61994, 54325, 65679, 86154
		]);
		expect(study.rating).toHaveLength(3);
		expect(study.rating[0]).toHaveLength(4);
	});

	it('orders numeric ids numerically and maps each read to its cell', () => {
		const text = [
			'reader,modality,case,truth,rating',
			'10,2,a,1,5',
			'10,10,a,1,6',
			'2,2,a,1,7',
			'2,10,a,1,8',
			'10,2,b,0,1',
			'10,10,b,0,2',
			'2,2,b,0,3',
			'2,10,b,0,4'
		].join('\n');
		const study = parseLongCsv(text);
		expect(study.readers).toEqual(['2', '10']);
		expect(study.modalities).toEqual(['2', '10']);
		// rating[modality][reader][case]: modality '10', reader '2', case 'a' is 8
		expect(study.rating[1]?.[0]?.[0]).toBe(8);
		expect(study.rating[0]?.[1]?.[1]).toBe(1);
	});

	it.each([
		[
			'missing-column.csv',
			"line 1: missing column 'case' (header must include reader,modality,case,truth,rating)"
		],
		['short-row.csv', "line 3, field 'row': has 4 fields, the header has 5"],
		[
			'duplicate-row.csv',
			"line 4, field 'row': duplicate read: reader '1', modality 'A', case 'c1' already appears on line 2"
		],
		['non-numeric-rating.csv', "line 3, field 'rating': 'high' is not a finite number"],
		['bad-truth.csv', "line 3, field 'truth': '2' must be 0 or 1"],
		['conflicting-truth.csv', "line 4, field 'truth': case 'c1' has truth 1 here but 0 on line 2"],
		[
			'single-truth-class.csv',
			"field 'truth': every case is diseased (truth 1); at least one diseased and one non-diseased case are needed"
		],
		['reader-missing-modality.csv', "unbalanced design: reader '2' has no reads in modality 'B'"],
		[
			'unbalanced.csv',
			"unbalanced design: reader '2' in modality 'B' read 1 of 2 cases; case 'c2' is missing"
		]
	])('refuses %s with a message naming the line and field', (name, message) => {
		expect(() => parseLongCsv(fixture(name))).toThrowError(message);
	});

	it('refuses empty input, a header alone, empty ids and bad decisions or times', () => {
		expect(() => parseLongCsv('')).toThrow('the reads CSV is empty');
		expect(() => parseLongCsv('reader,modality,case,truth,rating\n')).toThrow(
			'has a header but no reads'
		);
		expect(() => parseLongCsv('reader,modality,case,truth,rating\n1,,c1,0,1\n')).toThrow(
			"line 2, field 'modality': is empty"
		);
		expect(() =>
			parseLongCsv('reader,modality,case,truth,rating,decision\n1,A,c1,0,1,yes\n')
		).toThrow("line 2, field 'decision': 'yes' must be 0 or 1");
		expect(() =>
			parseLongCsv('reader,modality,case,truth,rating,time_ms\n1,A,c1,0,1,-5\n')
		).toThrow("line 2, field 'time_ms': -5 must be greater than 0");
		expect(() => parseLongCsv('reader,modality,case,truth,rating\n1,A,c1,0,NaN\n')).toThrow(
			"line 2, field 'rating': 'NaN' is not a finite number"
		);
		expect(() => parseLongCsv('reader,modality,case,truth,rating,rating\n')).toThrow(
			"line 1: column 'rating' appears twice"
		);
	});

	it('reads an empty time_ms as a missing reading time, and only that', () => {
		const study = parseLongCsv(
			[
				'reader,modality,case,truth,rating,time_ms',
				'1,A,c1,1,5,12000',
				'1,A,c2,0,1,',
				'1,B,c1,1,4,9000',
				'1,B,c2,0,2,"  "'
			].join('\n')
		);
		expect(Array.from(study.timeMs![0]![0]!)).toEqual([12000, NaN]);
		expect(Array.from(study.timeMs![1]![0]!)).toEqual([9000, NaN]);
		expect(Array.from(study.rating[0]![0]!)).toEqual([5, 1]);
		expect(() =>
			parseLongCsv('reader,modality,case,truth,rating,time_ms\n1,A,c1,0,1,soon\n')
		).toThrow("line 2, field 'time_ms': 'soon' is not a finite number");
	});
});
