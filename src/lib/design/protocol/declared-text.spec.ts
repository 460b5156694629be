import { describe, expect, it } from 'vitest';
import { declaredIn, declaredOrNull } from './declared-text';
import { protocolSchema } from './protocol.schema';
import { parse } from 'yaml';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';

describe('a declared text', () => {
	it('is printed as written when it is given in one language', () => {
		expect(declaredIn('Northfield Evaluation Centre', 'zh')).toBe('Northfield Evaluation Centre');
	});

	it('is printed in the report’s language when given in both, else in the one given', () => {
		const both = { en: 'Evaluation Centre', zh: '评价中心' };
		expect(declaredIn(both, 'en')).toBe('Evaluation Centre');
		expect(declaredIn(both, 'zh')).toBe('评价中心');
		expect(declaredIn({ zh: '评价中心' }, 'en')).toBe('评价中心');
		expect(declaredOrNull(undefined, 'zh')).toBeNull();
	});

	it('is accepted by the protocol in either form, and refused empty or in another language', () => {
		const protocol = (verification: unknown) =>
			protocolSchema.safeParse({
				...(parse(FIXTURE_YAML) as object),
				verification: {
					organisation: verification,
					qualification: { en: 'Accredited', zh: '已认可' },
					retention_years: 5,
					archive_location: 'Vault'
				}
			});
		expect(protocol('Centre').success).toBe(true);
		expect(protocol({ en: 'Centre', zh: '中心' }).success).toBe(true);
		expect(protocol({ zh: '中心' }).success).toBe(true);
		const empty = protocol({});
		expect(empty.success).toBe(false);
		expect(JSON.stringify(empty.error?.issues)).toContain('give the text in en, zh or both');
		expect(protocol({ fr: 'Centre' }).success).toBe(false);
	});
});
