// Section 3's paragraph on the test set's independence from the training data: the latest
// check against the sponsor's training manifest of keyed hashes (tandem cases check-independence).
import type { ReportIndependence } from '../report-input';
import { escape, table, yesNo } from '../html';
import { inLanguage, type ReportLanguage } from '../report-language';

interface Check {
	at: string;
	by: string;
	dataset: string;
	rows: number;
	sha256: string;
	cases: number;
	patients: number;
	institutions: number;
	unchecked: number;
}

const TEXT = {
	en: {
		notChecked:
			'The test set was not checked against a training manifest (<code>tandem cases check-independence</code>).',
		notFrozen: 'the case set (not frozen)',
		dataset: (version: number) => `dataset version ${version}`,
		checked: (c: Check) =>
			`Checked ${c.at} by ${c.by}: ${c.dataset} against the sponsor's training manifest of ${c.rows} row(s) (SHA-256 <code>${c.sha256}</code>), comparing keyed hashes (HMAC-SHA-256) of patient IDs and institutions.
${c.cases} case(s) compared: ${c.patients} share a patient with the training data, ${c.institutions} an institution; ${c.unchecked} case(s) could not be checked.`,
		changed: 'The case set changed after this check.',
		sites: (sites: string) => `Declared sites that are training institutions: ${sites}.`,
		head: ['Case', 'Same patient', 'Same institution']
	},
	zh: {
		notChecked: '测试集未与训练数据清单进行比对（<code>tandem cases check-independence</code>）。',
		notFrozen: '病例集（未冻结）',
		dataset: (version: number) => `数据集版本 ${version}`,
		checked: (c: Check) =>
			`由 ${c.by} 于 ${c.at} 核查：将${c.dataset}与申办方的训练数据清单（${c.rows} 行，SHA-256 <code>${c.sha256}</code>）比对，比较患者标识与机构的带密钥哈希（HMAC-SHA-256）。共比对 ${c.cases} 个病例：${c.patients} 个与训练数据共享患者，${c.institutions} 个共享机构；${c.unchecked} 个病例无法核查。`,
		changed: '此次核查之后病例集发生了变化。',
		sites: (sites: string) => `声明的研究中心中属于训练数据机构的：${sites}。`,
		head: ['病例', '同一患者', '同一机构']
	}
};

export function independenceText(
	check: ReportIndependence | null,
	lang: ReportLanguage = 'en'
): string {
	const t = inLanguage(lang, TEXT);
	if (!check) return `<p>${t.notChecked}</p>`;
	const dataset = check.datasetVersion === null ? t.notFrozen : t.dataset(check.datasetVersion);
	const parts = [
		`<p>${t.checked({
			at: escape(check.checkedAt),
			by: escape(check.checkedBy),
			dataset,
			rows: check.manifestRows,
			sha256: escape(check.manifestSha256),
			cases: check.cases,
			patients: check.overlaps.filter((overlap) => overlap.patient).length,
			institutions: check.overlaps.filter((overlap) => overlap.institution).length,
			unchecked: check.unchecked
		})}</p>`
	];
	if (!check.current) parts.push(`<p class="warning">${t.changed}</p>`);
	if (check.sites.length > 0) parts.push(`<p>${t.sites(escape(check.sites.join(', ')))}</p>`);
	if (check.overlaps.length > 0)
		parts.push(
			table(
				t.head,
				check.overlaps.map((overlap) => [
					escape(overlap.case),
					yesNo(overlap.patient, lang),
					yesNo(overlap.institution, lang)
				]),
				'compact'
			)
		);
	return parts.join('\n');
}
