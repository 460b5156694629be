// Section 9's table-3 items beside annexes A–D: the logs the system keeps (where each lives and how
// many entries it holds), the approved protocol with its hash and every loaded revision, the
// qualification records of the readers (and of the reference standard's annotators and
// adjudicators), the signature page of the executor, the statistician and the project lead (their
// electronic signatures of this report when they exist, else lines to sign by hand), and the
// retention period and archive location.
import type { ReportInput, ReportVerification } from '../report-input';
import type { SignatureView } from '../../domain/signature';
import { inLanguage, type ReportLanguage } from '../report-language';
import { DASH, escape, table } from '../html';
import { declaredOrNull } from '../../design/protocol/declared-text';

/** The study roles whose signature of this report stands for each signatory of the signature page. */
const SIGNING_ROLES = {
	executor: ['evaluator'],
	statistician: ['statistician'],
	projectLead: ['admin', 'sponsor']
} as const;

const TEXT = {
	en: {
		logs: 'E. Logs kept',
		comma: ', ',
		semicolon: '; ',
		colon: ': ',
		log: 'Log',
		where: 'Where it is kept',
		entries: 'Entries',
		audit:
			'Audit trail: every action with its actor, time (UTC, milliseconds) and before/after, hash-chained and signed at checkpoints',
		auditWhere: 'database table audit_events; exported by tandem audit',
		inference:
			'Inference job log: per case the status, attempts, start and end times, latency, memory peak, input and output hashes and the error of a failure',
		inferenceWhere: 'database table ai_results',
		inferenceEvents:
			'Inference events of the audit trail (queued, scored, attempt failed, case failed)',
		inferenceEventsWhere: 'database table audit_events, actions ai.*',
		imports: 'Case import runs and per-file de-identification logs',
		importsWhere: 'database tables import_runs and imported_instances',
		monitoring: 'Monitoring deviation flags and queries',
		monitoringWhere: 'computed from the reads and the database table monitor_queries',
		protocolLog: 'Protocol versions (every load)',
		protocolWhere: 'database table protocol_versions, with each version’s files',
		results: (parts: string) => `results: ${parts}`,
		attempts: (count: number) => `${count} attempts`,
		flagsQueries: (flags: number, queries: number) => `${flags} flags, ${queries} queries`,
		protocol: 'F. Approved protocol and version history',
		protocolNote: (sha: string) =>
			`The protocol this report rests on has SHA-256 ${sha}. Every protocol loaded for the study, the first included:`,
		revision: 'Revision',
		version: 'Version',
		loaded: 'Loaded (UTC)',
		reason: 'Reason of the amendment',
		first: 'first load',
		qualifications: 'G. Qualification records',
		role: 'Role',
		person: 'Person',
		site: 'Site',
		years: 'Years of experience',
		specialty: 'Specialty',
		licence: 'Licence or attestation',
		training: 'Training completed',
		roles: { reader: 'Reader', annotator: 'Annotator', adjudicator: 'Adjudicator' },
		meanings: {
			approved: 'approved',
			reviewed: 'reviewed',
			responsible: 'responsible for',
			authored: 'authored'
		} as Record<string, string>,
		statuses: {
			queued: 'queued',
			running: 'running',
			done: 'done',
			failed: 'failed'
		} as Record<string, string>,
		qualificationNote:
			'As recorded at enrolment; copies of the certificates are kept with the study’s records.',
		signaturePage: 'H. Signature page',
		signatory: 'Signatory',
		name: 'Name',
		signature: 'Signature',
		date: 'Date',
		executor: 'Principal executor of the verification',
		statistician: 'Data statistician',
		projectLead: 'Project lead (or authorised signatory)',
		electronic: (name: string, meaning: string, at: string) =>
			`signed electronically by ${name} (${meaning}), ${at}`,
		notDeclared: 'not declared',
		seal: 'Seal of the verification organisation:',
		retention: 'I. Retention and archive',
		retentionYears: (years: number) =>
			`The report and all the verification’s records (protocol versions, frozen dataset, reads, AI outputs, audit trail, signatures, code version) are kept for ${years} years (at least 5).`,
		noRetention: 'Retention period: not declared in the protocol (verification.retention_years).',
		archive: 'Archive location',
		noArchive: 'not declared in the protocol (verification.archive_location)'
	},
	zh: {
		logs: 'E. 原始运行日志清单',
		comma: '，',
		semicolon: '；',
		colon: '：',
		log: '日志',
		where: '保存位置',
		entries: '条目',
		audit:
			'审计追踪：每项操作的执行者、时间（UTC，精确到毫秒）及变更前后内容，哈希链连接，并在检查点签名',
		auditWhere: '数据库表 audit_events；可由 tandem audit 导出',
		inference:
			'推理任务日志：每个病例的状态、尝试次数、开始与结束时间、耗时、内存峰值、输入与输出哈希及失败时的报错信息',
		inferenceWhere: '数据库表 ai_results',
		inferenceEvents: '审计追踪中的推理事件（排队、完成、单次失败、病例失败）',
		inferenceEventsWhere: '数据库表 audit_events，操作 ai.*',
		imports: '病例导入批次及每个文件的脱敏日志',
		importsWhere: '数据库表 import_runs 与 imported_instances',
		monitoring: '监查偏离标记及质疑',
		monitoringWhere: '由阅片记录计算，及数据库表 monitor_queries',
		protocolLog: '方案版本（每次载入）',
		protocolWhere: '数据库表 protocol_versions，含各版本文件',
		results: (parts: string) => `结果：${parts}`,
		attempts: (count: number) => `共尝试 ${count} 次`,
		flagsQueries: (flags: number, queries: number) => `${flags} 个标记，${queries} 个质疑`,
		protocol: 'F. 审批通过的性能验证方案及版本历史',
		protocolNote: (sha: string) =>
			`本报告所依据方案的 SHA-256 为 ${sha}。该研究载入过的全部方案（含首次载入）：`,
		revision: '修订号',
		version: '版本',
		loaded: '载入时间（UTC）',
		reason: '修订理由',
		first: '首次载入',
		qualifications: 'G. 参与人员资质记录',
		role: '角色',
		person: '人员',
		site: '中心',
		years: '从业年限',
		specialty: '专业',
		licence: '执业证书或资质证明',
		training: '培训完成日期',
		roles: { reader: '阅片者', annotator: '标注者', adjudicator: '仲裁者' },
		meanings: {
			approved: '批准',
			reviewed: '审核',
			responsible: '负责',
			authored: '编写'
		} as Record<string, string>,
		statuses: {
			queued: '排队',
			running: '运行中',
			done: '完成',
			failed: '失败'
		} as Record<string, string>,
		qualificationNote: '按入组时的记录；资质证明复印件随研究档案保存。',
		signaturePage: 'H. 签名页',
		signatory: '签字人',
		name: '姓名',
		signature: '签名',
		date: '日期',
		executor: '主要验证执行人',
		statistician: '数据统计分析师',
		projectLead: '验证项目负责人（或授权签字人）',
		electronic: (name: string, meaning: string, at: string) =>
			`${name} 已电子签名（${meaning}），${at}`,
		notDeclared: '未声明',
		seal: '验证机构公章：',
		retention: 'I. 保存期限及归档',
		retentionYears: (years: number) =>
			`本报告及验证的全部原始过程数据（方案各版本、冻结的数据集、阅片记录、辅助工具输出、审计追踪、签名、代码版本）保存 ${years} 年（不低于 5 年）。`,
		noRetention: '保存期限：方案中未声明（verification.retention_years）。',
		archive: '归档位置',
		noArchive: '方案中未声明（verification.archive_location）'
	}
} satisfies Record<ReportLanguage, unknown>;

type Text = (typeof TEXT)['en'];

/** A blank line to sign or seal by hand. */
const SEAL_LINE =
	'<span style="display:inline-block;min-width:60mm;height:7mm;border-bottom:1px solid #333"></span>';

const code = (text: string) => `<code>${escape(text)}</code>`;

function logsTable(input: ReportInput, verification: ReportVerification, t: Text): string {
	const { logs } = verification;
	const results = logs.inference.results
		.map((row) => `${t.statuses[row.status] ?? row.status} ${row.count}`)
		.join(t.comma);
	const rows = [
		[t.audit, t.auditWhere, String(input.annex.audit.events)],
		[
			t.inference,
			t.inferenceWhere,
			`${t.results(results || DASH)}${t.semicolon}${t.attempts(logs.inference.attempts)}`
		],
		[t.inferenceEvents, t.inferenceEventsWhere, String(logs.inference.events)],
		[t.imports, t.importsWhere, String(logs.importRuns)],
		[t.monitoring, t.monitoringWhere, t.flagsQueries(logs.monitoringFlags, logs.queries)],
		[t.protocolLog, t.protocolWhere, String(verification.protocolVersions.length)]
	].map((row) => row.map(escape));
	return `<h3>${t.logs}</h3>${table([t.log, t.where, t.entries], rows, 'logs')}`;
}

function protocolHistory(input: ReportInput, verification: ReportVerification, t: Text): string {
	const rows = verification.protocolVersions.map((row) => [
		String(row.revision),
		escape(row.protocolVersion),
		escape(row.at),
		code(row.sha256),
		escape(row.reason ?? (row.revision === 1 ? t.first : DASH))
	]);
	return `<h3>${t.protocol}</h3>
<p>${escape(t.protocolNote(input.fingerprints.protocolSha256))}</p>
${table([t.revision, t.version, t.loaded, 'SHA-256', t.reason], rows, 'signatures')}`;
}

function qualificationTable(verification: ReportVerification, t: Text): string {
	const rows = verification.qualifications.map((row) => [
		escape(t.roles[row.role]),
		escape(row.person),
		escape(row.site ?? DASH),
		row.yearsExperience === null ? DASH : String(row.yearsExperience),
		escape(row.specialty ?? DASH),
		escape(row.licence ?? DASH),
		escape(row.trainingCompletedAt ?? DASH)
	]);
	return `<h3>${t.qualifications}</h3>
${table([t.role, t.person, t.site, t.years, t.specialty, t.licence, t.training], rows)}
<p class="small">${escape(t.qualificationNote)}</p>`;
}

/** The signature of this report (its content hash) by a person in one of the roles, the latest. */
function reportSignature(input: ReportInput, roles: readonly string[]): SignatureView | undefined {
	const signOff = input.signOff;
	if (!signOff) return undefined;
	return signOff.signatures
		.filter(
			(row) =>
				row.recordType === 'verification_report' &&
				row.recordHash === signOff.contentSha256 &&
				roles.includes(row.role)
		)
		.at(-1);
}

function signaturePage(input: ReportInput, verification: ReportVerification, t: Text): string {
	const line =
		'<span style="display:inline-block;min-width:40mm;height:7mm;border-bottom:1px solid #333"></span>';
	const rows = (['executor', 'statistician', 'projectLead'] as const).map((who) => {
		const declared = verification.signatories[who];
		const signed = reportSignature(input, SIGNING_ROLES[who]);
		const at = signed ? signed.signedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
		return [
			escape(t[who]),
			escape(declaredOrNull(declared, input.lang) ?? signed?.name ?? t.notDeclared),
			signed
				? escape(t.electronic(signed.name, t.meanings[signed.meaning] ?? signed.meaning, at))
				: line,
			signed ? escape(at.slice(0, 10)) : line
		];
	});
	return `<div class="keep"><h3>${t.signaturePage}</h3>
${table([t.signatory, t.name, t.signature, t.date], rows, 'signature-page')}
<p>${escape(t.seal)} ${SEAL_LINE}</p></div>`;
}

function retention(input: ReportInput, verification: ReportVerification, t: Text): string {
	const years =
		verification.retentionYears === null
			? t.noRetention
			: t.retentionYears(verification.retentionYears);
	return `<h3>${t.retention}</h3>
<p>${escape(years)}</p>
<p>${t.archive}${t.colon}${escape(declaredOrNull(verification.archiveLocation, input.lang) ?? t.noArchive)}</p>`;
}

export function annexRecordsPart(input: ReportInput): string {
	const verification = input.verification;
	if (!verification) return '';
	const t = inLanguage(input.lang, TEXT);
	return `${logsTable(input, verification, t)}
${protocolHistory(input, verification, t)}
${qualificationTable(verification, t)}
${signaturePage(input, verification, t)}
${retention(input, verification, t)}`;
}
