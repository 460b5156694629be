// The lesion-level study of a trial, from the blind export's lesions.csv and marks.csv (coded
// like reads.csv): every reader × arm of the analysis set takes part, a reader × arm without a
// single mark too (every lesion unmarked, no NL); the export's cases and their truth must be
// those of the reads. Problems are design errors naming the file, so an endpoint reports them.
import { DesignError } from '../design-error';
import {
	emptyMarks,
	LesionInputError,
	parseLesionMarksCsv,
	parseLesionTruthTable,
	type LesionAttributes
} from '../input/lesion-csv';
import type { LesionStudy } from '../lesion/lesion-study';
import type { ReadingStudy } from '../study';
import type { LesionFiles } from './trial-input';

export interface TrialLesionData {
	study: LesionStudy;
	attributes: LesionAttributes;
}

/** The reads' readers, arms and cases with the export's marks; a DesignError when it cannot be. */
export function trialLesionStudy(
	files: LesionFiles,
	reads: Pick<ReadingStudy, 'readers' | 'modalities' | 'cases' | 'truth'>
): TrialLesionData {
	if ('missing' in files) throw new DesignError(files.missing);
	try {
		const { truth, attributes } = parseLesionTruthTable(files.truthCsv, 'lesions.csv');
		const readTruth = new Map(reads.cases.map((id, k) => [id, reads.truth[k] as number]));
		truth.cases.forEach((id, k) => {
			const read = readTruth.get(id);
			if (read === undefined)
				throw new DesignError(`lesions.csv: case ${id} has no reads in reads.csv`);
			if (read !== truth.truth[k])
				throw new DesignError(
					`lesions.csv: case ${id} is ${truth.truth[k] ? 'diseased (it has lesions)' : 'non-diseased (lesion 0)'} but its truth in reads.csv is ${read}`
				);
		});
		if (truth.cases.length !== reads.cases.length) {
			const listed = new Set(truth.cases);
			const absent = reads.cases.filter((id) => !listed.has(id));
			throw new DesignError(
				`lesions.csv lists no row for case${absent.length > 1 ? 's' : ''} ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''} of reads.csv`
			);
		}
		// A header alone: nobody marked anything (every read answered "no lesion").
		const noMarks = files.marksCsv.trim().split(/\r?\n/).length <= 1;
		const marked = noMarks
			? { modalities: [] as string[], readers: [] as string[], marks: [] }
			: parseLesionMarksCsv(files.marksCsv, truth, 'marks.csv');
		for (const modality of marked.modalities)
			if (!reads.modalities.includes(modality))
				throw new DesignError(`marks.csv: modality ${modality} is not an arm of reads.csv`);
		const marks = reads.modalities.map((modality) => {
			const m = marked.modalities.indexOf(modality);
			return reads.readers.map((reader) => {
				const j = marked.readers.indexOf(reader);
				return m >= 0 && j >= 0 ? marked.marks[m]![j]! : emptyMarks(truth);
			});
		});
		return {
			study: { ...truth, readers: reads.readers, modalities: reads.modalities, marks },
			attributes
		};
	} catch (error) {
		if (error instanceof LesionInputError) throw new DesignError(error.message);
		throw error;
	}
}
