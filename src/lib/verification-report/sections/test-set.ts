// Section 3, test set: the cases and readers, the frozen dataset version, the cases per
// stratum and the readers' sites, experience and status.
import type { ReportInput } from '../report-input';
import { DASH, escape, figure, stratumName, table } from '../html';
import { balanceLine, stratumBarChart } from '../figures/stratum-bar-chart';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { independenceText } from './test-set-independence';
import { testSetCriteriaPart } from './test-set-criteria';

const TEXT = {
	en: {
		balanceNote: `Strata: the protocol's case strata and the acquisition parameters read from the images'
headers at import (a case whose images disagree is "mixed"). Balance: the Gini coefficient of the
cases per value, normalised to 0 (balanced) … 1 (all cases in one value), and the Shannon entropy
normalised by ln k for k values, 1 (balanced) … 0.`,
		notFrozen:
			'The case set was not frozen as a dataset version; the lock fingerprint covers every image hash.',
		frozen: (version: number, fingerprint: string, at: string) =>
			`Frozen dataset version ${version}, fingerprint <code>${fingerprint}</code>
(${at}).`,
		counts: (
			cases: number,
			positive: number,
			negative: number,
			readers: number,
			withdrawn: number,
			simulated: number
		) =>
			`${cases} cases: ${positive} diseased, ${negative} non-diseased.
Readers: ${readers} enrolled${withdrawn > 0 ? `, ${withdrawn} withdrawn` : ''}.${simulated > 0 ? ` ${simulated} reads are simulated (demo).` : ''}`,
		values: (count: number, balance: string) => `${count} value(s), ${balance}`,
		normalised: '(normalised)',
		valueHead: ['Value', 'Cases'],
		cases: 'cases',
		figureCaption: (title: string) => `${title}: cases per value.`,
		independence: 'Independence from the training data',
		readers: 'Readers',
		readerHead: ['Reader', 'Site', 'Years of experience', 'Specialty', 'Status'],
		withdrawn: 'withdrawn',
		active: 'active'
	},
	zh: {
		balanceNote:
			'分层：方案规定的病例分层，以及导入时从图像头信息读取的采集参数（同一病例各图像不一致时记为“mixed”）。均衡性：各取值病例数的基尼系数，归一化为 0（均衡）至 1（全部病例集中于一个取值）；以及按 ln k（k 为取值个数）归一化的香农熵，1（均衡）至 0。',
		notFrozen: '病例集未冻结为数据集版本；数据库锁定指纹涵盖全部图像哈希。',
		frozen: (version: number, fingerprint: string, at: string) =>
			`已冻结的数据集版本 ${version}，指纹 <code>${fingerprint}</code>（${at}）。`,
		counts: (
			cases: number,
			positive: number,
			negative: number,
			readers: number,
			withdrawn: number,
			simulated: number
		) =>
			`病例 ${cases} 例：阳性 ${positive} 例，阴性 ${negative} 例。阅片者：入组 ${readers} 名${withdrawn > 0 ? `，撤出 ${withdrawn} 名` : ''}。${simulated > 0 ? `其中 ${simulated} 次阅片为模拟阅片（演示）。` : ''}`,
		values: (count: number, balance: string) => `${count} 个取值，${balance}`,
		normalised: '（归一化）',
		valueHead: ['取值', '病例数'],
		cases: '例',
		figureCaption: (title: string) => `${title}：各取值的病例数。`,
		independence: '与训练数据的独立性',
		readers: '阅片者',
		readerHead: ['阅片者', '研究中心', '从业年限', '专业', '状态'],
		withdrawn: '已撤出',
		active: '在组'
	}
};

type Text = (typeof TEXT)['en'];

function counts(input: ReportInput, t: Text): string {
	const { design } = input.analysis;
	const { readers, simulatedReads } = input.testSet;
	const withdrawn = readers.filter((row) => row.withdrawn).length;
	return `<p>${t.counts(design.cases, design.positive, design.negative, readers.length, withdrawn, simulatedReads)}</p>`;
}

function freeze(input: ReportInput, t: Text): string {
	const frozen = input.fingerprints.datasetFreeze;
	if (!frozen) return `<p>${t.notFrozen}</p>`;
	return `<p>${t.frozen(frozen.version, escape(frozen.fingerprint), escape(frozen.frozenAt))}</p>`;
}

function strataTables(input: ReportInput, t: Text): string {
	return input.testSet.strata
		.map((stratum) => {
			const rows = stratum.values.map((row) => [escape(row.value), String(row.cases)]);
			const heading = `<h3>${escape(stratumName(stratum.stratum, input.lang))}</h3>`;
			const line = balanceLine(stratum, t.normalised);
			const balance = `<p class="balance">${t.values(stratum.categories, escape(line))}</p>`;
			return `<div class="stratum">${heading}${balance}${table(t.valueHead, rows, 'compact')}</div>`;
		})
		.join('');
}

function strataFigures(input: ReportInput, t: Text): string {
	return input.testSet.strata
		.filter((stratum) => stratum.values.length > 0)
		.map((stratum) => {
			const title = stratumName(stratum.stratum, input.lang);
			const svg = stratumBarChart(stratum, {
				title,
				balance: balanceLine(stratum, t.normalised),
				cases: t.cases
			});
			return figure(svg, t.figureCaption(title));
		})
		.join('\n');
}

function readerTable(input: ReportInput, t: Text): string {
	return table(
		t.readerHead,
		input.testSet.readers.map((row) => [
			escape(row.reader),
			escape(row.site),
			row.yearsExperience === null ? DASH : String(row.yearsExperience),
			escape(row.specialty ?? DASH),
			row.withdrawn ? t.withdrawn : t.active
		])
	);
}

export function testSetSection(input: ReportInput): string {
	const t: Text = inLanguage(input.lang, TEXT);
	return `<section id="s3"><h2>${sectionHeading(input.lang, 3)}</h2>
${counts(input, t)}
${testSetCriteriaPart(input)}
${freeze(input, t)}
<p>${t.balanceNote}</p>
<div class="columns">${strataTables(input, t)}</div>
${strataFigures(input, t)}
<h3>${t.independence}</h3>
${independenceText(input.testSet.independence, input.lang)}
<h3>${t.readers}</h3>
${readerTable(input, t)}
</section>`;
}
