// Section 5's lesion-level part, when the protocol declares lesion-level endpoints: the task the
// readers answered, the rule that made each mark a lesion or a non-lesion localisation (the
// protocol’s matching), the figures of merit as RJafroc defines them and their decisions.
import type { LesionMethod } from '../../stats/trial/trial-input';
import { escape } from '../html';

function ruleText({ matching, markShape }: LesionMethod): string {
	if (matching.criterion === 'distance')
		return `a mark localises a lesion when it lies on one of the lesion’s images within ${matching.acceptanceMm} mm of the lesion’s region (the circle of its radius around its centre, its box or its contour; distance in mm through the image’s pixel spacing); where two lesions are in reach, the nearer one`;
	if (matching.criterion === 'inside')
		return `a mark localises a lesion when it lies on one of the lesion’s images inside the lesion’s region (circle, box or contour); where it lies inside two, the one whose centre is nearer`;
	return `a ${markShape === 'box' ? 'box' : 'mark'} localises a lesion when it overlaps the lesion’s box (a circle’s or contour’s bounding box) on one of its images with an intersection over union (IoU) of at least ${matching.iou}; where it overlaps two, the one with the higher IoU`;
}

const TASKS: Record<LesionMethod['task'], string> = {
	froc: 'FROC: readers marked every suspicious location (a point or a box on any image of the case), each mark with its own confidence rating; no mark means "no lesion"',
	lroc: 'LROC: readers gave a case rating and marked the one most suspicious location',
	roc: 'ROC with lesion marks: readers rated each case and marked the lesions they saw, each mark with a confidence rating'
};

export function lesionMethodsItems(method: LesionMethod | null): string {
	if (!method) return '';
	return `<li><strong>Lesion-level task and matching</strong>: ${escape(TASKS[method.task])}.
Matching rule (the protocol’s, applied in the blind export's marks.csv): ${escape(ruleText(method))}.
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
