// The design's balance is checked from counts before any reader × modality × case grid is
// allocated: a sparse file (every row a new reader and case) is refused at once, not after
// allocating billions of cells.
import { describe, expect, it } from 'vitest';
import { parseLongCsv, ReadsInputError } from './long-csv';

function sparse(rows: number): string {
	const lines = ['reader,modality,case,truth,rating'];
	for (let i = 1; i <= rows; i++) lines.push(`r${i},${i % 2 ? 'A' : 'B'},c${i},${i % 2},${i % 5}`);
	return lines.join('\n');
}

describe('parseLongCsv balance', () => {
	it('refuses 70,000 rows that are each a new reader and case, counting the missing reads', () => {
		const started = performance.now();
		let error: unknown;
		try {
			parseLongCsv(sparse(70_000));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ReadsInputError);
		expect((error as Error).message).toBe(
			"unbalanced design: reader 'r1' in modality 'A' read 1 of 70000 cases; case 'c2' is missing (70000 readers × 2 modalities × 70000 cases need 9800000000 reads, the file has 70000: 9799930000 are missing; every reader must read every case in every modality)"
		);
		expect(performance.now() - started).toBeLessThan(5000);
	});

	it('names the first missing case of a reader and counts the missing reads', () => {
		const text = [
			'reader,modality,case,truth,rating',
			'1,A,c1,0,1',
			'1,A,c2,1,3',
			'1,B,c1,0,2',
			'1,B,c2,1,4',
			'2,A,c1,0,1',
			'2,A,c2,1,2',
			'2,B,c1,0,3'
		].join('\n');
		expect(() => parseLongCsv(text)).toThrow(
			"unbalanced design: reader '2' in modality 'B' read 1 of 2 cases; case 'c2' is missing (2 readers × 2 modalities × 2 cases need 8 reads, the file has 7: 1 is missing; every reader must read every case in every modality)"
		);
	});
});
