// Section 4, environment: the software and versions the analysis and the report ran on. The items
// are named by the server in English; a Chinese report names the ones it knows in Chinese and
// the values whose form it knows (system-texts.ts); names and versions are quoted as written.
import type { ReportInput } from '../report-input';
import { escape, table } from '../html';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { systemText } from './system-texts';
import { environmentHostPart } from './environment-host';

const ITEMS_ZH: Record<string, string> = {
	'Analysis software': '分析软件',
	Runtime: '运行环境',
	'Operating system': '操作系统',
	CPU: 'CPU',
	Memory: '内存',
	Database: '数据库',
	Packages: '依赖软件库',
	'AI model': 'AI 模型',
	'Inference runtime': '推理运行环境',
	Viewer: '阅片器',
	'PDF rendering': 'PDF 生成'
};

const TEXT = {
	en: { head: ['Item', 'Value'], item: (item: string) => item },
	zh: { head: ['项目', '值'], item: (item: string) => ITEMS_ZH[item] ?? item }
};

export function environmentSection(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const rows = input.environment.map((row) => [
		escape(t.item(row.item)),
		systemText(row.value, input.lang)
	]);
	return `<section id="s4"><h2>${sectionHeading(input.lang, 4)}</h2>${table(t.head, rows, 'environment')}${environmentHostPart(input)}</section>`;
}
