import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart';

const encode = (text: string) => new TextEncoder().encode(text);

describe('multipart/related', () => {
	it('reads the boundary, quoted or not', () => {
		expect(boundaryOf('multipart/related; type="application/dicom"; boundary="abc 123"')).toBe(
			'abc 123'
		);
		expect(boundaryOf('multipart/related; boundary=xyz; type=application/dicom')).toBe('xyz');
		expect(boundaryOf('application/dicom')).toBeNull();
	});

	it('splits parts, keeping each body byte for byte (CRLF inside a body included)', () => {
		const body = encode(
			'preamble\r\n--B\r\nContent-Type: application/dicom\r\n\r\nfirst\r\nbody\r\n--B\r\nContent-Type: application/dicom\r\nContent-Length: 6\r\n\r\nsecond\r\n--B--\r\n'
		);
		const parts = parseMultipart(body, 'B');
		expect(parts.map((part) => new TextDecoder().decode(part.body))).toEqual([
			'first\r\nbody',
			'second'
		]);
		expect(parts[1]!.headers).toEqual({
			'content-type': 'application/dicom',
			'content-length': '6'
		});
	});

	it('keeps binary bodies intact', () => {
		const binary = Uint8Array.from([0, 255, 13, 10, 45, 45, 67, 7]); // "\r\n--C" inside: not the boundary
		const body = new Uint8Array([
			...encode('--B\r\nContent-Type: application/dicom\r\n\r\n'),
			...binary,
			...encode('\r\n--B--')
		]);
		expect([...parseMultipart(body, 'B')[0]!.body]).toEqual([...binary]);
	});

	it('refuses a body cut before its closing boundary', () => {
		expect(() => parseMultipart(encode('--B\r\nContent-Type: x\r\n\r\nhalf a file'), 'B')).toThrow(
			/no closing boundary/
		);
	});
});
