// The lesion-level pair of CSVs (input/lesion-csv.ts reads them) written from a study:
//   truth: case,lesion,weight — the lesions of each case in the study's case order (their
//          weights as held, the shortest decimal that reads back as the same number), and
//          `case,0,0` for a non-diseased case;
//   marks: reader,modality,case,lesion,rating — modality by modality, reader by reader, first
//          every NL (case by case, highest rating first, lesion 0), then every LL (lesion by
//          lesion); an unmarked lesion has no row.
// The order is canonical, so a study written, read and written again gives the same text.
import type { LesionStudy, LesionTruth } from '../lesion/lesion-study';

function field(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (values: ReadonlyArray<string | number>) => values.map(field).join(',');

/** The truth CSV (LF line ends, trailing newline). */
export function lesionTruthCsvText(truth: LesionTruth): string {
	const lines = [line(['case', 'lesion', 'weight'])];
	truth.cases.forEach((id, k) => {
		const first = truth.lesionStart[k] as number;
		const last = truth.lesionStart[k + 1] as number;
		if (first === last) lines.push(line([id, 0, 0]));
		for (let l = first; l < last; l++)
			lines.push(line([id, truth.lesionIds[l] as string, truth.weights[l] as number]));
	});
	return `${lines.join('\n')}\n`;
}

/** The marks CSV (LF line ends, trailing newline). */
export function lesionMarksCsvText(study: LesionStudy): string {
	const lines = [line(['reader', 'modality', 'case', 'lesion', 'rating'])];
	study.modalities.forEach((modality, m) =>
		study.readers.forEach((reader, j) => {
			const marks = study.marks[m]?.[j];
			if (!marks) return;
			study.cases.forEach((id, k) => {
				for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++)
					lines.push(line([reader, modality, id, 0, marks.nl[i] as number]));
			});
			marks.ll.forEach((rating, l) => {
				if (rating > -Infinity)
					lines.push(
						line([
							reader,
							modality,
							study.cases[study.lesionCase[l] as number] as string,
							study.lesionIds[l] as string,
							rating
						])
					);
			});
		})
	);
	return `${lines.join('\n')}\n`;
}
