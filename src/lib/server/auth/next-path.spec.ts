import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

const ORIGIN = 'https://tandem.example.org';

describe('safeNextPath', () => {
	it('keeps a path of this site, with its query and fragment', () => {
		expect(safeNextPath('/analysis', ORIGIN)).toBe('/analysis');
		expect(safeNextPath('/read/12?image=2#mark', ORIGIN)).toBe('/read/12?image=2#mark');
		expect(safeNextPath('/monitor/demo-crossover', ORIGIN)).toBe('/monitor/demo-crossover');
	});

	it('refuses what a browser would take to another origin', () => {
		for (const next of [
			'//evil.example',
			'/\\evil.example',
			'\\/evil.example',
			'/\t/evil.example',
			'/%09/evil.example'.replace('%09', '\t'),
			'/\n/evil.example',
			' /evil.example',
			'https://evil.example/',
			'http://tandem.example.org/',
			'javascript:alert(1)',
			'evil.example',
			'analysis'
		])
			expect(safeNextPath(next, ORIGIN), JSON.stringify(next)).toBeNull();
	});

	it('refuses control characters (a CR/LF would break the Location header)', () => {
		expect(safeNextPath('/analysis\r\nSet-Cookie: x=1', ORIGIN)).toBeNull();
		expect(safeNextPath('/analysis\u0000', ORIGIN)).toBeNull();
		expect(safeNextPath('/analysis\u007f', ORIGIN)).toBeNull();
	});

	it('refuses nothing at all and an overlong path', () => {
		expect(safeNextPath(null, ORIGIN)).toBeNull();
		expect(safeNextPath('', ORIGIN)).toBeNull();
		expect(safeNextPath(`/${'a'.repeat(3000)}`, ORIGIN)).toBeNull();
	});

	it('gives back the path as the URL parser reads it, so the Location header is plain ASCII', () => {
		expect(safeNextPath('/analysis/../monitor', ORIGIN)).toBe('/monitor');
		expect(safeNextPath('/read?note=é', ORIGIN)).toBe('/read?note=%C3%A9');
	});
});
