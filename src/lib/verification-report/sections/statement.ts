// Section 1's statement (the specification's table 3, item 1): who executed the verification and
// their qualification, the confidentiality statement, the tool under verification uniquely
// identified (name, version, release date, weights' SHA-256) and the software that made the report.
import type { ReportInput } from '../report-input';
import { inLanguage, type ReportLanguage } from '../report-language';
import { escape, table } from '../html';
import { declaredOrNull, type DeclaredText } from '../../design/protocol/declared-text';

const TEXT = {
	en: {
		heading: 'Statement',
		colon: ': ',
		executor: 'Verification executed by',
		qualification: 'Qualification of the executing organisation',
		confidentiality: 'Confidentiality',
		standardConfidentiality:
			'This report and its annexes are confidential. They are provided for the review of the tool under verification and may not be disclosed or used otherwise without the consent of the sponsor and of the executing organisation.',
		tool: 'Tool under verification',
		name: 'Name',
		version: 'Version',
		releaseDate: 'Release date',
		sha256: 'Weights SHA-256',
		software: 'Report and analysis software',
		notDeclared: 'not declared in the protocol',
		notRegistered: 'not registered (no weights to hash)',
		item: 'Item',
		value: 'Value'
	},
	zh: {
		heading: '声明',
		colon: '：',
		executor: '验证执行机构',
		qualification: '验证机构资质声明',
		confidentiality: '保密声明',
		standardConfidentiality:
			'本报告及其附件为保密文件，仅供对验证对象的审评使用；未经申办方及验证机构同意，不得披露或用于其他目的。',
		tool: '验证对象',
		name: '名称',
		version: '版本号',
		releaseDate: '发布日期',
		sha256: '模型权重 SHA-256',
		software: '报告及统计分析软件',
		notDeclared: '方案中未声明',
		notRegistered: '未注册（无可计算摘要的权重文件）',
		item: '项目',
		value: '内容'
	}
} satisfies Record<ReportLanguage, Record<string, string>>;

export function statementPart(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const statement = input.verification?.statement;
	if (!statement) return '';
	const declared = (value: DeclaredText | null) =>
		escape(declaredOrNull(value, input.lang) ?? t.notDeclared);
	const { tool } = statement;
	const rows = [
		[t.executor, declared(statement.organisation)],
		[t.qualification, declared(statement.qualification)],
		[`${t.tool}${t.colon}${t.name}`, escape(tool.name)],
		[`${t.tool}${t.colon}${t.version}`, escape(tool.version)],
		[`${t.tool}${t.colon}${t.releaseDate}`, declared(tool.releaseDate)],
		[
			`${t.tool}${t.colon}${t.sha256}`,
			tool.sha256 ? `<code>${escape(tool.sha256)}</code>` : escape(t.notRegistered)
		],
		[t.software, escape(input.generator)]
	];
	return `<h3>${t.heading}</h3>
${table([t.item, t.value], rows, 'environment statement')}
<p><strong>${t.confidentiality}</strong>${t.colon}${escape(declaredOrNull(statement.confidentiality, input.lang) ?? t.standardConfidentiality)}</p>`;
}
