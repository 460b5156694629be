// The consensus of a case's annotations (reference standard, issue 19). The rules are written out
// as they are implemented below.
export type {
	AnnotatorWork,
	CaseComparison,
	ConsensusRule,
	Disagreement,
	LesionRef
} from './consensus-types';
