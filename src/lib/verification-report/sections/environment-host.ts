// Section 4's table-3 items beside the runtime table: the server's model (as its firmware reports
// it, and as the protocol declares it), the GPU, the network layout as declared (the
// specification asks that the environment be isolated from the internet), the versions of the key
// libraries, and the SHA-256 of the model under verification.
import type { ReportInput } from '../report-input';
import { inLanguage, type ReportLanguage } from '../report-language';
import { escape, table } from '../html';
import { declaredIn, declaredOrNull } from '../../design/protocol/declared-text';

const TEXT = {
	en: {
		heading: 'Server, network and key libraries',
		item: 'Item',
		value: 'Value',
		server: 'Server model (firmware)',
		declaredServer: 'Server model (declared)',
		unreadable: 'not readable on this machine (no firmware description exposed)',
		gpu: 'GPU',
		noGpu: 'not declared; the AI runs on the CPU (onnxruntime CPU execution provider)',
		network: 'Network layout (declared)',
		noNetwork: 'not declared in the protocol (verification.network)',
		library: 'Library',
		libraries: 'Key library versions',
		model: 'Model under verification, weights SHA-256',
		notRegistered: 'not registered (no weights to hash)'
	},
	zh: {
		heading: '服务器、网络拓扑及依赖软件库',
		item: '项目',
		value: '内容',
		server: '服务器型号（固件报告）',
		declaredServer: '服务器型号（方案声明）',
		unreadable: '本机无法读取（未提供固件信息）',
		gpu: 'GPU 规格',
		noGpu: '未声明；辅助工具在 CPU 上运行（onnxruntime CPU 执行提供程序）',
		network: '网络拓扑结构（方案声明）',
		noNetwork: '方案中未声明（verification.network）',
		library: '软件库',
		libraries: '依赖软件库版本',
		model: '验证对象模型权重 SHA-256',
		notRegistered: '未注册（无可计算摘要的权重文件）'
	}
} satisfies Record<ReportLanguage, Record<string, string>>;

export function environmentHostPart(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const verification = input.verification;
	if (!verification) return '';
	const { host } = verification;
	const sha256 = verification.statement.tool.sha256;
	const rows = [
		[t.server, escape(host.serverModel ?? t.unreadable)],
		...(host.declaredServer
			? [[t.declaredServer, escape(declaredIn(host.declaredServer, input.lang))]]
			: []),
		[t.gpu, escape(declaredOrNull(host.gpu, input.lang) ?? t.noGpu)],
		[t.network, escape(declaredOrNull(host.network, input.lang) ?? t.noNetwork)],
		[t.libraries, escape(host.packages.map((row) => `${row.name} ${row.version}`).join(', '))],
		[t.model, sha256 ? `<code>${escape(sha256)}</code>` : escape(t.notRegistered)]
	];
	return `<h3>${t.heading}</h3>${table([t.item, t.value], rows, 'environment')}`;
}
