// A deviation flag's detail in the interface's language: the words from the messages, the numbers
// from the flag's facts. What follows them is not translated: a correction's reason is what a
// person entered; a refusal's reason and an AI error are the service's English (marked as such).
import { m } from '$lib/paraglide/messages';
import type { Deviation, DeviationFacts } from '$lib/domain/deviation';

export interface DeviationDetail {
	text: string;
	/** Entered or service text after the words, if any. */
	free: string;
	/** 'en' when `free` is the service's English. */
	freeLang?: 'en';
}

export function deviationDetail({ kind, facts }: Deviation): DeviationDetail {
	const seconds = () => ((facts as { seconds: number }).seconds ?? 0).toFixed(1);
	const free = (facts as { free?: string }).free ?? '';
	switch (kind) {
		case 'short-read':
		case 'long-read':
			return { text: m.deviation_fact_read_in({ seconds: seconds() }), free: '' };
		case 'long-pause':
			return { text: m.deviation_fact_paused({ seconds: seconds() }), free: '' };
		case 'correction': {
			const { read, by, version } = facts as Extract<DeviationFacts, { by: string }>;
			const words =
				by === 'coordinator'
					? m.deviation_fact_corrected_by_coordinator
					: m.deviation_fact_corrected_by_reader;
			return { text: words({ read, version }), free };
		}
		case 'session-rule': {
			const { period } = facts as Extract<DeviationFacts, { period: number | null }>;
			return {
				text: m.deviation_fact_closed_period({ period: period ?? '?' }),
				free,
				freeLang: 'en'
			};
		}
		case 'ai-failure':
			return { text: m.deviation_fact_ai_failure(), free, freeLang: 'en' };
	}
}
