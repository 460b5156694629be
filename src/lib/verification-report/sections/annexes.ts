// Section 9, annexes: the `tandem analyze` commands that reproduce every endpoint figure from
// the blind export, the fingerprints and signatures, the export manifest and the sign-off (the
// study's electronic signatures, 21 CFR 11.50).
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { lesionFomOf } from '../../stats/trial/lesion-endpoint';
import { isLesionMetric } from '../../stats/trial/trial-input';
import type { ReportInput } from '../report-input';
import { escape, table, utcTime } from '../html';
import {
	MEANING_TEXT,
	signedRecordText,
	type SignatureMeaning,
	type SignatureView
} from '../../domain/signature';
import { inLanguage, type ReportLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { annexRecordsPart } from './annex-records';

const ROLES_ZH: Record<string, string> = {
	admin: '管理员',
	sponsor: '申办方',
	coordinator: '协调员',
	reader: '阅片者',
	statistician: '统计师',
	evaluator: '独立评价者',
	annotator: '标注者',
	adjudicator: '仲裁者'
};

const MEANINGS_ZH: Record<SignatureMeaning, string> = {
	approved: '批准',
	reviewed: '审核',
	responsible: '负责',
	authored: '编写'
};

/** What a signature signed, in Chinese (signedRecordText's English, record by record). */
function signedRecordTextZh(
	signature: Pick<SignatureView, 'recordType' | 'recordId' | 'recordHash'>,
	reportSha256?: string
): string {
	switch (signature.recordType) {
		case 'study_lock':
			return '数据库锁定（其指纹）';
		case 'key_release':
			return `导出 ${signature.recordId} 的编码密钥释放（已登记结果的 SHA-256）`;
		case 'dataset_version':
			return `数据集版本 ${signature.recordId}（其指纹）`;
		case 'verification_report':
			return signature.recordHash === reportSha256
				? `本报告，基于导出 ${signature.recordId}（其内容 SHA-256）`
				: `基于导出 ${signature.recordId} 的报告的较早内容（其内容 SHA-256）`;
		case 'qc_override':
			return '冻结前对参考标准质控的覆盖（该覆盖的 SHA-256）';
	}
}

interface Fingerprints {
	exportId: number;
	readsSha256: string;
	lesionNote: boolean;
}

const TEXT = {
	en: {
		headings: [
			'A. Reproducing the figures',
			'B. Fingerprints and signatures',
			'C. Export manifest',
			'D. Sign-off'
		],
		readingTimeComment: '# reading time: the reading_time block of its output',
		fewerComment:
			'# fewer is better: decided by the upper bound of test − reference against the margin (or 0)',
		blindNote: `Blinded: the commands compare the two coded arms in the order the codes sort and test no
margin. Once the key is released, this annex names the arms and adds the margin tests.`,
		reproduction: ({ exportId, readsSha256, lesionNote }: Fingerprints) =>
			`Every endpoint figure is the analysis of <code>reads.csv</code>${lesionNote ? ' (lesion-level endpoints: of its <code>marks.csv</code> and <code>lesions.csv</code>)' : ''} in blind export ${exportId}
(SHA-256 ${code(readsSha256)}). With the export's codes (<code>tandem</code> is
<code>npm run --silent tandem --</code> in a Tandem checkout), one command per endpoint:`,
		aiReproduction: (sha256: string) =>
			`The AI's standalone figures (section 6.6) are the analysis of <code>ai-outputs.csv</code>,
the AI's outputs as the lock sealed them (SHA-256 ${code(sha256)}), against the export's
<code>truth.csv</code>:`,
		excludedReader: (reader: string, reads: number, expected: number) =>
			`${reader} (${reads} of ${expected} reads)`,
		exclusions: (readers: string) => `The analysis set leaves out ${readers}:
remove their rows from <code>reads.csv</code> first.`,
		noCheckpoint: 'none',
		checkpoint: (seq: number, at: string, hash: string, signature: string) =>
			`sequence ${seq} of ${at}, hash ${hash}, Ed25519 signature ${signature}`,
		frozen: (version: number, fingerprint: string) => `version ${version}, ${fingerprint}`,
		notFrozen: 'not frozen',
		intact: 'intact',
		broken: '<strong>BROKEN</strong>',
		sealed: 'no (key sealed)',
		auditTrail: (events: number, chain: string, head: string) =>
			`${events} events, hash chain ${chain}, head ${head}`,
		lock: (lock: string, at: string) => `${lock} (${at})`,
		manifest: (sha256: string, exportId: number) => `${sha256} (export ${exportId})`,
		fingerprintHead: ['Item', 'Value'],
		fingerprintItems: [
			'Protocol SHA-256',
			'Database lock fingerprint',
			'Dataset freeze',
			'Blind export manifest SHA-256',
			'Unblinded',
			'Audit trail',
			'Signed audit checkpoint'
		],
		noSignOff: 'No electronic signatures were gathered for this report.',
		role: (role: string) => role,
		meaning: (meaning: SignatureMeaning) => MEANING_TEXT[meaning] ?? meaning,
		signedRecord: signedRecordText,
		signatureHead: ['Name', 'Role', 'Meaning', 'Signed (UTC)', 'What was signed', 'SHA-256'],
		noSignature: 'No electronic signature yet.',
		signOff: (
			sha256: string
		) => `Electronic signatures (21 CFR 11.50): each signer re-entered their password and chose the
meaning of the signature; each is linked to the SHA-256 of the record it signs and recorded in the audit
trail. This report's content SHA-256 (everything in it but the time it was generated, the audit trail line
and these signatures), which a sign-off of it signs: ${sha256}.`,
		manifestHead: ['File', 'SHA-256', 'Bytes'],
		publicKey: "The manifest is signed with the server's Ed25519 key:"
	},
	zh: {
		headings: ['A. 结果复现', 'B. 指纹与签名', 'C. 导出清单', 'D. 签署'],
		readingTimeComment: '# 阅片时间：见输出中的 reading_time 部分',
		fewerComment: '# 越少越好：以 试验组 − 对照组 的置信上限对照界值（或 0）判定',
		blindNote:
			'盲态：各命令按编码排序比较两个编码组，不进行界值检验。揭盲（释放密钥）后，本附件将给出组别名称并加入界值检验。',
		reproduction: ({ exportId, readsSha256, lesionNote }: Fingerprints) =>
			`每个终点的数值均为对盲法导出 ${exportId} 中 <code>reads.csv</code>${lesionNote ? '（病灶水平终点：其 <code>marks.csv</code> 与 <code>lesions.csv</code>）' : ''}的分析（SHA-256 ${code(readsSha256)}）。使用导出中的编码（在 Tandem 代码目录中，<code>tandem</code> 即 <code>npm run --silent tandem --</code>），每个终点一条命令：`,
		aiReproduction: (sha256: string) =>
			`AI 独立性能（第 6.6 节）的数值为对 <code>ai-outputs.csv</code>（经数据库锁定封存的 AI 输出，SHA-256 ${code(sha256)}）与导出中 <code>truth.csv</code> 的分析：`,
		excludedReader: (reader: string, reads: number, expected: number) =>
			`${reader}（${reads} / ${expected} 次阅片）`,
		exclusions: (readers: string) =>
			`分析集排除了 ${readers}：请先从 <code>reads.csv</code> 中删除其记录。`,
		noCheckpoint: '无',
		checkpoint: (seq: number, at: string, hash: string, signature: string) =>
			`序号 ${seq}（${at}），哈希 ${hash}，Ed25519 签名 ${signature}`,
		frozen: (version: number, fingerprint: string) => `版本 ${version}，${fingerprint}`,
		notFrozen: '未冻结',
		intact: '完整',
		broken: '<strong>已断裂</strong>',
		sealed: '否（密钥封存中）',
		auditTrail: (events: number, chain: string, head: string) =>
			`${events} 条事件，哈希链${chain}，链头 ${head}`,
		lock: (lock: string, at: string) => `${lock}（${at}）`,
		manifest: (sha256: string, exportId: number) => `${sha256}（导出 ${exportId}）`,
		fingerprintHead: ['项目', '值'],
		fingerprintItems: [
			'方案 SHA-256',
			'数据库锁定指纹',
			'数据集冻结',
			'盲法导出清单 SHA-256',
			'揭盲',
			'审计追踪',
			'已签名的审计检查点'
		],
		noSignOff: '本报告未收集电子签名。',
		role: (role: string) => ROLES_ZH[role] ?? role,
		meaning: (meaning: SignatureMeaning) => MEANINGS_ZH[meaning] ?? meaning,
		signedRecord: signedRecordTextZh,
		signatureHead: ['姓名', '角色', '签名含义', '签署时间（UTC）', '签署对象', 'SHA-256'],
		noSignature: '尚无电子签名。',
		signOff: (sha256: string) =>
			`电子签名（21 CFR 11.50）：每位签署人重新输入密码并选择签名含义；每个签名关联其所签记录的 SHA-256，并记入审计追踪。本报告的内容 SHA-256（除生成时间、审计追踪一行及这些签名外的全部内容），即签署本报告时所签的值：${sha256}。`,
		manifestHead: ['文件', 'SHA-256', '字节数'],
		publicKey: '导出清单由服务器的 Ed25519 密钥签名：'
	}
};

type Text = (typeof TEXT)['en'];

type ArmCodes = { aided: string; unaided: string };

const code = (text: string): string => `<code>${escape(text)}</code>`;

/** The longest line a command is printed on: it fits the page in the annex's monospace font. */
const COMMAND_WIDTH = 80;

/**
 * A command printed for copy-paste: its words never split; when it is longer than a line, it breaks
 * only between options (an option stays with its value), each line but the last ending in a shell
 * continuation " \", so the printed lines pasted together are the command.
 */
export function commandLines(words: string[], width = COMMAND_WIDTH): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line && line.length + 1 + word.length + 2 > width) {
			lines.push(`${line} \\`);
			line = `  ${word}`;
		} else line = line ? `${line} ${word}` : word;
	}
	return [...lines, line];
}

/**
 * The command that reproduces one endpoint (reading time comes with the AUC analysis), as words
 * (an option with its value is one word). While blinded there are no arms to name: nothing in the
 * report may tie a code to an arm before the key is released, so the command compares the two
 * coded arms as they sort and tests no margin. A lesion-level endpoint is analysed from the
 * export's marks.csv and lesions.csv; false-positive marks per image is better lower, which
 * `tandem analyze`'s margin tests do not read, so its command gives the difference only.
 */
export function analyzeCommand(
	result: EndpointResult,
	arms: ArmCodes | null,
	lang: ReportLanguage = 'en'
): string {
	const t = inLanguage(lang, TEXT);
	const { endpoint } = result;
	const readingTime = endpoint.metric === 'reading_time';
	const lesion = isLesionMetric(endpoint.metric);
	const fewerIsBetter = result.better === 'lower' && !readingTime;
	const words = [
		'tandem analyze',
		...(lesion ? ['--input marks.csv', '--truth lesions.csv'] : ['--input reads.csv']),
		`--fom ${readingTime ? 'auc' : isLesionMetric(endpoint.metric) ? lesionFomOf(endpoint.metric) : endpoint.metric}`,
		...(arms
			? [
					`--test ${arms.aided}`,
					`--reference ${arms.unaided}`,
					...(fewerIsBetter ? [] : [`--margin ${endpoint.margin ?? 0}`]),
					`--alpha ${endpoint.alpha}`
				]
			: []),
		'--format json'
	];
	const comment = readingTime ? [t.readingTimeComment] : fewerIsBetter ? [t.fewerComment] : [];
	return `<pre class="command">${[...comment, ...commandLines(words)].map(escape).join('\n')}</pre>`;
}

function reproduction(input: ReportInput, t: Text): string {
	const f = input.fingerprints;
	const arms = input.blinded ? null : input.reproduce;
	const commands = input.analysis.endpoints
		.filter(isEndpointResult)
		.map((result) => analyzeCommand(result, arms, input.lang));
	const blindNote = arms ? '' : `\n<p>${t.blindNote}</p>`;
	const lesionNote = input.analysis.endpoints.some((outcome) =>
		isLesionMetric(outcome.endpoint.metric)
	);
	return `<p>${t.reproduction({ exportId: f.exportId, readsSha256: f.readsSha256, lesionNote })}</p>
${commands.join('\n')}${blindNote}${aiReproduction(input, t)}`;
}

/** The command that gives the AI's standalone figures from the export's sealed ai-outputs.csv. */
function aiReproduction(input: ReportInput, t: Text): string {
	const file = input.annex.manifestFiles.find((row) => row.name === 'ai-outputs.csv');
	if (!file) return '';
	const words = ['tandem analyze', '--ai ai-outputs.csv', '--truth truth.csv', '--format json'];
	return `\n<p>${t.aiReproduction(file.sha256)}</p>
<pre class="command">${commandLines(words).map(escape).join('\n')}</pre>`;
}

function exclusions(input: ReportInput, t: Text): string {
	const excluded = input.analysis.excludedReaders;
	if (excluded.length === 0) return '';
	const readers = excluded
		.map((row) => t.excludedReader(escape(row.reader), row.reads, row.expected))
		.join(', ');
	return `<p>${t.exclusions(readers)}</p>`;
}

function checkpointText(checkpoint: ReportInput['annex']['audit']['checkpoint'], t: Text): string {
	if (!checkpoint) return t.noCheckpoint;
	return t.checkpoint(
		checkpoint.seq,
		escape(checkpoint.signedAt),
		code(checkpoint.hash),
		code(checkpoint.signature)
	);
}

function fingerprintTable(input: ReportInput, t: Text): string {
	const f = input.fingerprints;
	const { audit } = input.annex;
	const freeze = f.datasetFreeze
		? t.frozen(f.datasetFreeze.version, code(f.datasetFreeze.fingerprint))
		: t.notFrozen;
	const chain = audit.chainIntact ? t.intact : t.broken;
	const values = [
		code(f.protocolSha256),
		t.lock(code(f.lock), escape(f.lockedAt)),
		freeze,
		t.manifest(code(f.exportManifestSha256), f.exportId),
		input.unblindedAt ? escape(input.unblindedAt) : t.sealed,
		t.auditTrail(audit.events, chain, code(audit.headHash)),
		checkpointText(audit.checkpoint, t)
	];
	return table(
		t.fingerprintHead,
		t.fingerprintItems.map((item, index) => [item, values[index]!])
	);
}

/** Annex D: every electronic signature of the study, and the hash a sign-off of this report signs. */
function signOff(input: ReportInput, t: Text): string {
	const { signOff } = input;
	if (!signOff) return `<p>${t.noSignOff}</p>`;
	const rows = signOff.signatures.map((row) => [
		escape(row.name),
		escape(t.role(row.role)),
		escape(t.meaning(row.meaning)),
		utcTime(row.signedAt),
		escape(t.signedRecord(row, signOff.contentSha256)),
		code(row.recordHash)
	]);
	const list =
		rows.length > 0 ? table(t.signatureHead, rows, 'signatures') : `<p>${t.noSignature}</p>`;
	return `<div class="keep"><p>${t.signOff(code(signOff.contentSha256))}</p>
${list}</div>`;
}

function manifestTable(input: ReportInput, t: Text): string {
	const rows = input.annex.manifestFiles.map((row) => [
		escape(row.name),
		code(row.sha256),
		String(row.bytes)
	]);
	return table(t.manifestHead, rows, 'compact');
}

export function annexesSection(input: ReportInput): string {
	const t: Text = inLanguage(input.lang, TEXT);
	const [reproduce, fingerprints, manifest, signatures] = t.headings;
	return `<section id="s9"><h2>${sectionHeading(input.lang, 9)}</h2>
<h3>${reproduce}</h3>
${reproduction(input, t)}
${exclusions(input, t)}
<h3>${fingerprints}</h3>
${fingerprintTable(input, t)}
<h3>${manifest}</h3>
${manifestTable(input, t)}
<p>${t.publicKey}</p><pre>${escape(input.annex.publicKeyPem)}</pre>
<h3>${signatures}</h3>
${signOff(input, t)}
${annexRecordsPart(input)}
</section>`;
}
