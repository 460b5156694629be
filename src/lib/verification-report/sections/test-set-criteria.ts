// Section 3's table-3 items: the inclusion and exclusion criteria the protocol declares, the
// composition of the test set (centres, total, abnormal and normal cases, per vendor, device model
// and demographic stratum, from the analysed cases), and the de-identification evidence — the
// profile applied, the import runs, the changed attributes per file and per case, the burned-in
// annotation review's outcomes — or, when the images were loaded from folders, that Tandem holds
// no such record.
import type { ReportInput, ReportDeidentification } from '../report-input';
import { inLanguage, type ReportLanguage } from '../report-language';
import { escape, n, stratumName, table } from '../html';
import { declaredIn } from '../../design/protocol/declared-text';

const TEXT = {
	en: {
		criteria: 'Inclusion and exclusion criteria',
		inclusion: 'Inclusion criteria',
		exclusion: 'Exclusion criteria',
		noCriteria:
			'The protocol declares no criteria (verification.inclusion_criteria / exclusion_criteria).',
		composition: 'Composition of the test set',
		compositionNote:
			'Cases analysed, by the strata of the protocol and those read from the images; abnormal: reference standard positive.',
		centres: 'Source centres',
		total: 'Total cases',
		abnormal: 'Abnormal',
		normal: 'Normal',
		stratum: 'Stratum',
		value: 'Value',
		cases: 'Cases',
		item: 'Item',
		count: 'Number',
		deid: 'De-identification evidence',
		profile:
			'Profile applied at import: DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile, with the options Retain Longitudinal Temporal Information with Modified Dates (dates shifted by a per-patient secret offset) and Retain Patient Characteristics (sex, age, size, weight); only an allow-list of attributes is kept, private elements, overlays and curves removed, UIDs remapped with a keyed hash. Each stored file keeps the list of the attributes changed (never their old values).',
		fromFolders:
			'The images were loaded from the protocol’s image folders (cases.images_from: folder), not through Tandem’s case import: Tandem holds no de-identification record for them. Their de-identification was done before they were placed in the folders and must be evidenced by whoever prepared them.',
		noRuns: 'The protocol imports its images, but no import run is recorded.',
		runs: 'Import runs',
		run: 'Run',
		source: 'Source',
		status: 'Status',
		found: 'Files found',
		imported: 'Imported',
		skipped: 'Skipped',
		failed: 'Failed',
		started: 'Started (UTC)',
		key: 'De-identification key id',
		files: 'Files stored',
		changes: 'Attributes changed per file (min / median / max; total)',
		burnedIn: 'Burned-in annotation review (pending / cleared / identifying: withdrawn)',
		withdrawn: 'Files withdrawn',
		perCase: 'Attributes changed per case',
		case: 'Case',
		filesShort: 'Files',
		changed: 'Attributes changed',
		kinds: { folder: 'folder', dicomweb: 'DICOMweb' } as Record<string, string>,
		statuses: {
			running: 'running',
			completed: 'completed',
			interrupted: 'interrupted'
		} as Record<string, string>
	},
	zh: {
		criteria: '建库入排标准',
		inclusion: '纳入标准',
		exclusion: '排除标准',
		noCriteria: '方案未声明入排标准（verification.inclusion_criteria / exclusion_criteria）。',
		composition: '测试数据集构成',
		compositionNote: '按方案分层及图像头信息读取的分层统计的分析病例；异常：参考标准为阳性。',
		centres: '数据来源中心数量',
		total: '总样本量',
		abnormal: '异常',
		normal: '正常',
		stratum: '分层',
		value: '取值',
		cases: '病例数',
		item: '项目',
		count: '数量',
		deid: '脱敏合规性证明',
		profile:
			'导入时采用的脱敏规则：DICOM PS3.15 附录 E 基本应用级保密规范，并采用“保留修改日期后的纵向时间信息”（日期按每位患者的保密偏移量平移）与“保留患者特征”（性别、年龄、身高、体重）选项；仅保留允许清单中的属性，删除私有元素、叠加层及曲线，UID 经带密钥的哈希重新映射。每个存储文件保留其被修改属性的清单（不保留原值）。',
		fromFolders:
			'图像由方案的图像文件夹直接载入（cases.images_from: folder），未经 Tandem 的病例导入流程：Tandem 中没有这些图像的脱敏记录。其脱敏在放入文件夹之前完成，须由准备数据者另行提供证明。',
		noRuns: '方案规定通过导入获取图像，但没有任何导入记录。',
		runs: '导入批次',
		run: '批次',
		source: '来源',
		status: '状态',
		found: '发现文件数',
		imported: '导入数',
		skipped: '跳过数',
		failed: '失败数',
		started: '开始时间（UTC）',
		key: '脱敏密钥标识',
		files: '存储文件数',
		changes: '每个文件被修改的属性数（最小 / 中位数 / 最大；合计）',
		burnedIn: '图像内嵌信息审核（待审 / 已排除 / 含身份信息：已撤出）',
		withdrawn: '撤出的文件数',
		perCase: '每个病例被修改的属性数',
		case: '病例',
		filesShort: '文件数',
		changed: '被修改属性数',
		kinds: { folder: '文件夹', dicomweb: 'DICOMweb' } as Record<string, string>,
		statuses: { running: '进行中', completed: '已完成', interrupted: '已中断' } as Record<
			string,
			string
		>
	}
} satisfies Record<ReportLanguage, unknown>;

type Text = (typeof TEXT)['en'];

const list = (items: string[]) =>
	`<ul>${items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;

function criteria(input: ReportInput, t: Text): string {
	const declared = input.verification?.criteria;
	const body =
		declared && (declared.inclusion.length > 0 || declared.exclusion.length > 0)
			? `<p><strong>${t.inclusion}</strong></p>${list(declared.inclusion.map((text) => declaredIn(text, input.lang)))}
<p><strong>${t.exclusion}</strong></p>${list(declared.exclusion.map((text) => declaredIn(text, input.lang)))}`
			: `<p>${escape(t.noCriteria)}</p>`;
	return `<h3>${t.criteria}</h3>${body}`;
}

/** Cases, abnormal and normal per value of each case stratum, from the analysed subgroups. */
function composition(input: ReportInput, t: Text): string {
	const { design } = input.analysis;
	const rows = (input.analysis.subgroups[0]?.rows ?? []).filter(
		(row) => row.stratum !== 'reader_site'
	);
	const siteValues = rows.filter((row) => row.stratum === 'site').length;
	const centres = siteValues > 0 ? siteValues : input.study.sites.length;
	const summary = table(
		[t.item, t.count],
		[
			[t.centres, String(centres)],
			[t.total, String(design.cases)],
			[t.abnormal, String(design.positive)],
			[t.normal, String(design.negative)]
		],
		'compact'
	);
	const detail = table(
		[t.stratum, t.value, t.cases, t.abnormal, t.normal],
		rows.map((row) => [
			escape(stratumName(row.stratum, input.lang)),
			escape(row.value),
			String(row.cases),
			String(row.positive),
			String(row.cases - row.positive)
		]),
		'composition'
	);
	return `<h3>${t.composition}</h3><p class="small">${escape(t.compositionNote)}</p>${summary}${rows.length > 0 ? detail : ''}`;
}

function deidentification(deid: ReportDeidentification, t: Text): string {
	if (deid.imagesFrom === 'folder' && deid.runs.length === 0)
		return `<h3>${t.deid}</h3><p>${escape(t.fromFolders)}</p>`;
	if (deid.runs.length === 0) return `<h3>${t.deid}</h3><p>${escape(t.noRuns)}</p>`;
	const runs = table(
		[t.run, t.source, t.status, t.found, t.imported, t.skipped, t.failed, t.started, t.key],
		deid.runs.map((run) => [
			String(run.run),
			escape(t.kinds[run.sourceKind] ?? run.sourceKind),
			escape(t.statuses[run.status] ?? run.status),
			String(run.filesFound),
			String(run.imported),
			String(run.skipped),
			String(run.failed),
			escape(run.startedAt),
			`<code>${escape(run.deidKeyId)}</code>`
		])
	);
	const { changes, burnedIn } = deid;
	const summary = table(
		[t.item, t.count],
		[
			[t.files, String(deid.files)],
			[
				t.changes,
				changes
					? `${changes.min} / ${n(changes.median, 1)} / ${changes.max}; ${changes.total}`
					: '—'
			],
			[t.burnedIn, `${burnedIn.pending} / ${burnedIn.cleared} / ${burnedIn.identifying}`],
			[t.withdrawn, String(deid.withdrawnFiles)]
		],
		'compact'
	);
	const perCase = table(
		[t.case, t.filesShort, t.changed],
		deid.perCase.map((row) => [escape(row.case), String(row.files), String(row.changes)]),
		'compact'
	);
	return `<h3>${t.deid}</h3><p>${escape(t.profile)}</p>${runs}${summary}
<p><strong>${t.perCase}</strong></p>${perCase}`;
}

export function testSetCriteriaPart(input: ReportInput): string {
	if (!input.verification) return '';
	const t = inLanguage(input.lang, TEXT);
	return `${criteria(input, t)}
${composition(input, t)}
${deidentification(input.verification.deidentification, t)}`;
}
