// An AI failure of a study as the evaluator classifies it (software defect of the tool or external
// cause), shared by the classification service, the command line and the analysis page.

export const ANOMALY_CAUSE_VALUES = ['software-defect', 'external'] as const;

export interface Anomaly {
	job: number;
	caseKey: string;
	/** The case under the report's label (the export's code while blinded). */
	label: string;
	attempts: number;
	/** The job failed for good (the case counts per the protocol's rule). */
	final: boolean;
	lastError: string;
	classification: {
		cause: (typeof ANOMALY_CAUSE_VALUES)[number];
		note: string;
		by: string;
		at: string;
	} | null;
}
