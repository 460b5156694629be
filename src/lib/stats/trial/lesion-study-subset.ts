// A part of a lesion-level study for a subgroup: some readers, some cases, and (for lesion
// attributes) some lesions. A diseased case that keeps none of its lesions leaves the subgroup;
// the weights of the lesions a case keeps are scaled to sum to 1 again.
import type { LesionMarks, LesionStudy } from '../lesion/lesion-study';

export interface SubsetRule {
	reader?: (reader: string) => boolean;
	case?: (id: string) => boolean;
	/** Lesion l (index into the study's lesions) stays. */
	lesion?: (l: number) => boolean;
}

export function lesionStudySubset(study: LesionStudy, rule: SubsetRule): LesionStudy {
	const keepLesion = rule.lesion ?? (() => true);
	const readerIndexes = study.readers.flatMap((reader, j) =>
		!rule.reader || rule.reader(reader) ? [j] : []
	);
	const cases: number[] = [];
	const lesions: number[] = [];
	const lesionStart = [0];
	const weights: number[] = [];
	study.cases.forEach((id, k) => {
		if (rule.case && !rule.case(id)) return;
		const kept: number[] = [];
		for (let l = study.lesionStart[k] as number; l < (study.lesionStart[k + 1] as number); l++)
			if (keepLesion(l)) kept.push(l);
		if (study.truth[k] === 1 && kept.length === 0) return;
		const total = kept.reduce((sum, l) => sum + (study.weights[l] as number), 0);
		cases.push(k);
		for (const l of kept) {
			lesions.push(l);
			weights.push((study.weights[l] as number) / total);
		}
		lesionStart.push(lesions.length);
	});
	const lesionCase = new Int32Array(lesions.length);
	cases.forEach((_, index) => lesionCase.fill(index, lesionStart[index], lesionStart[index + 1]));
	const subsetMarks = (marks: LesionMarks): LesionMarks => {
		const nlStart = new Int32Array(cases.length + 1);
		const nl: number[] = [];
		cases.forEach((k, index) => {
			for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++)
				nl.push(marks.nl[i] as number);
			nlStart[index + 1] = nl.length;
		});
		return {
			nlStart,
			nl: Float64Array.from(nl),
			ll: Float64Array.from(lesions, (l) => marks.ll[l] as number)
		};
	};
	return {
		cases: cases.map((k) => study.cases[k] as string),
		truth: Uint8Array.from(cases, (k) => study.truth[k] as number),
		lesionStart: Int32Array.from(lesionStart),
		lesionCase,
		lesionIds: lesions.map((l) => study.lesionIds[l] as string),
		weights: Float64Array.from(weights),
		readers: readerIndexes.map((j) => study.readers[j] as string),
		modalities: study.modalities,
		marks: study.marks.map((byReader) => readerIndexes.map((j) => subsetMarks(byReader[j]!)))
	};
}
