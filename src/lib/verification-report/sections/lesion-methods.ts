// Section 5's lesion-level part, when the protocol declares lesion-level endpoints: the task the
// readers answered, the rule that made each mark a lesion or a non-lesion localisation (the
// protocol’s matching), the figures of merit as RJafroc defines them and their decisions.
import type { LesionMethod } from '../../stats/trial/trial-input';
import { escape } from '../html';
import type { ReportLanguage } from '../report-language';

function ruleTextEn({ matching, markShape }: LesionMethod): string {
	if (matching.criterion === 'distance')
		return `a mark localises a lesion when it lies on one of the lesion’s images within ${matching.acceptanceMm} mm of the lesion’s region (the circle of its radius around its centre, its box or its contour; distance in mm through the image’s pixel spacing); where two lesions are in reach, the nearer one`;
	if (matching.criterion === 'inside')
		return `a mark localises a lesion when it lies on one of the lesion’s images inside the lesion’s region (circle, box or contour); where it lies inside two, the one whose centre is nearer`;
	return `a ${markShape === 'box' ? 'box' : 'mark'} localises a lesion when it overlaps the lesion’s box (a circle’s or contour’s bounding box) on one of its images with an intersection over union (IoU) of at least ${matching.iou}; where it overlaps two, the one with the higher IoU`;
}

const TASKS_EN: Record<LesionMethod['task'], string> = {
	froc: 'FROC: readers marked every suspicious location (a point or a box on any image of the case), each mark with its own confidence rating; no mark means "no lesion"',
	lroc: 'LROC: readers gave a case rating and marked the one most suspicious location',
	roc: 'ROC with lesion marks: readers rated each case and marked the lesions they saw, each mark with a confidence rating'
};

function itemsEn(method: LesionMethod): string {
	return `<li><strong>Lesion-level task and matching</strong>: ${escape(TASKS_EN[method.task])}.
Matching rule (the protocol’s, applied in the blind export's marks.csv): ${escape(ruleTextEn(method))}.
A lesion is localised by at most one mark — the highest-rated mark that went to it (ties: the
nearer, then the earlier mark), a lesion localisation (LL); every other mark, including further marks on a localised lesion and every mark
on a non-diseased case, is a non-lesion localisation (NL). An unmarked lesion or case is rated −∞.</li>
<li><strong>Lesion-level figures of merit</strong> (as RJafroc 2.1.3 defines them, reproduced on its FED
data): <strong>wAFROC</strong>, the probability that a lesion, weighted as the truth declares (equal
weights within a case by default), is rated above the highest NL of a non-diseased case;
<strong>AFROC</strong>, the same with every lesion counted alike; <strong>lesion sensitivity</strong>
(MaxLLF), the share of lesions localised; <strong>false-positive marks per normal image</strong>
(MaxNLF), NLs on non-diseased cases over their number. Each is analysed per reader × arm with the same
OR RRRC analysis and jackknife (over all cases; diseased cases only for lesion sensitivity,
non-diseased only for marks per image) and decided by the same one-sided tests — except false-positive
marks per image, where fewer is better: non-inferiority when the upper (1 − α) bound of test −
reference is below δ, superiority when it is below 0 (H0: Δ ≥ δ, Δ ≥ 0). An LROC endpoint is
<strong>PCL</strong>, the share of diseased cases correctly localised (their mark an LL) and rated
above the threshold at which the declared false-positive fraction of non-diseased cases is reached
(0.2 unless the protocol says otherwise; linear interpolation between operating points, as RJafroc). Lesion-level subgroups of lesion sensitivity keep the lesions
of one attribute value (type, size…) and the diseased cases that have one.</li>
<li><strong>Lesion-level curves</strong> (figures 1b–1d): each reader’s empirical FROC curve (LLF
against NLs per image over all cases) and wAFROC curve (weighted LLF against the false-positive
fraction, ending with a straight line to (1, 1), its area the wAFROC figure of merit), per arm from
the blind export’s lesions.csv and marks.csv, and the arm’s reader average by vertical averaging
(RJafroc’s). The AI is judged lesion by lesion with the same rule: every candidate it stored
(those below its threshold too) is a mark rated by its score — a box by its IoU under the IoU
criterion, its centre otherwise —, a case it failed on has every lesion missed and no NL; its
FROC and wAFROC curves are drawn beside the arms’, and its precision–recall curve gives the
all-point average precision (PASCAL VOC 2010–2012) over all lesions and per lesion type, with
case-resampling bootstrap percentile intervals (2,000 resamples within truth classes).</li>`;
}

function ruleTextZh({ matching, markShape }: LesionMethod): string {
	if (matching.criterion === 'distance')
		return `标记位于病灶所在的某一图像上、且距病灶区域（以其中心为圆心、半径为其半径的圆，其方框或其轮廓；距离按图像像素间距换算为 mm）不超过 ${matching.acceptanceMm} mm 时，判定该标记定位了该病灶；两个病灶均在范围内时，取较近者`;
	if (matching.criterion === 'inside')
		return '标记位于病灶所在的某一图像上、且落在病灶区域（圆、方框或轮廓）之内时，判定该标记定位了该病灶；落在两个病灶之内时，取中心较近者';
	return `${markShape === 'box' ? '方框' : '标记'}在病灶的某一图像上与病灶方框（圆或轮廓的外接框）的交并比（IoU）不低于 ${matching.iou} 时，判定其定位了该病灶；与两个病灶重叠时，取 IoU 较高者`;
}

const TASKS_ZH: Record<LesionMethod['task'], string> = {
	froc: 'FROC：阅片者标记每一个可疑位置（病例任一图像上的一个点或方框），每个标记各有置信度评分；无标记即“无病灶”',
	lroc: 'LROC：阅片者给出病例评分，并标记最可疑的一个位置',
	roc: '带病灶标记的 ROC：阅片者对每个病例评分，并标记所见病灶，每个标记各有置信度评分'
};

function itemsZh(method: LesionMethod): string {
	return `<li><strong>病灶水平任务与匹配</strong>：${escape(TASKS_ZH[method.task])}。
匹配规则（方案规定，应用于盲法导出的 marks.csv）：${escape(ruleTextZh(method))}。
一个病灶至多由一个标记定位——即指向它的评分最高的标记（评分相同时取较近者，再取较早者），称为病灶定位（LL）；其余所有标记，包括已定位病灶上的其他标记以及非患病病例上的所有标记，均为非病灶定位（NL）。未被标记的病灶或病例评分记为 −∞。</li>
<li><strong>病灶水平品质因数</strong>（按 RJafroc 2.1.3 的定义，并在其 FED 数据上复现）：<strong>wAFROC</strong>，按参考标准声明的权重（默认同一病例内等权）加权的病灶评分高于非患病病例最高 NL 评分的概率；<strong>AFROC</strong>，各病灶等权的同一概率；<strong>病灶灵敏度</strong>（MaxLLF），被定位病灶的比例；<strong>每幅正常图像的假阳性标记数</strong>（MaxNLF），非患病病例上的 NL 数除以其病例数。每项指标均按阅片者 × 组别计算，采用相同的 OR RRRC 分析与刀切法（对全部病例；病灶灵敏度仅对患病病例，每幅图像标记数仅对非患病病例），并以相同的单侧检验判定——但每幅图像假阳性标记数越少越好：试验组 − 对照组的 (1 − α) 置信上限低于 δ 时判定非劣效，低于 0 时判定优效（H0：Δ ≥ δ，Δ ≥ 0）。LROC 终点为 <strong>PCL</strong>，即正确定位（其标记为 LL）且评分高于某阈值的患病病例比例，该阈值为达到预设非患病病例假阳性比例（除方案另有规定外为 0.2；工作点之间线性插值，与 RJafroc 相同）时的阈值。病灶灵敏度的病灶水平亚组保留某一属性取值（类型、大小……）的病灶及含有此类病灶的患病病例。</li>
<li><strong>病灶水平曲线</strong>（图 1b–1d）：由盲法导出的 lesions.csv 与 marks.csv 得到各组每位阅片者的经验 FROC 曲线（全部病例上 LLF 对每幅图像 NL 数）与 wAFROC 曲线（加权 LLF 对假阳性比例，以一段直线连至 (1, 1) 结束，其面积即 wAFROC 品质因数），以及各组按纵向平均（RJafroc 方法）得到的阅片者平均曲线。AI 以同一规则逐病灶评判：其存储的每个候选结果（包括低于阈值者）均视为按其评分打分的标记——在 IoU 准则下按其方框，否则按其中心——；AI 处理失败的病例，其全部病灶计为漏检且无 NL；AI 的 FROC 与 wAFROC 曲线与各组曲线并列绘制，其精确率–召回率曲线给出全部病灶及各病灶类型的全点平均精确率（PASCAL VOC 2010–2012），并附按病例重抽样的自助法百分位区间（在各真值类别内重抽 2,000 次）。</li>`;
}

export function lesionMethodsItems(method: LesionMethod | null, lang: ReportLanguage): string {
	if (!method) return '';
	return lang === 'zh' ? itemsZh(method) : itemsEn(method);
}
