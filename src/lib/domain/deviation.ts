// A protocol deviation or data-quality flag (built by the monitor's deviations service). A flag
// says what happened, never whether a read was right.

export type FlagKind =
	'short-read' | 'long-read' | 'long-pause' | 'session-rule' | 'ai-failure' | 'correction';

export interface Deviation {
	kind: FlagKind;
	/** Read id for read flags, enrolment id for reader flags, null for a case-level AI failure. */
	readId: number | null;
	reader: string | null;
	site: string | null;
	at: string;
	/** The flag in an English sentence (the report, exports). */
	detail: string;
	/** The same, as facts a page words in its own language (`free` is entered or service text). */
	facts: DeviationFacts;
}

export type DeviationFacts =
	| { seconds: number }
	| { read: number; by: 'coordinator' | 'reader'; version: number; free: string }
	| { period: number | null; free: string }
	| { free: string };
