// The languages the verification report is written in: English, and Simplified Chinese for the
// regulator (the specification and review points are Chinese documents). Every section keeps
// its own text in both languages, side by side, and picks it by the report's language.

export const REPORT_LANGUAGES = ['en', 'zh'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The text of `lang` from a table written in every report language. */
export function inLanguage<T>(lang: ReportLanguage, table: Record<ReportLanguage, T>): T {
	return table[lang];
}

/** The report language for an interface locale ('zh-CN' → 'zh'; anything else → 'en'). */
export function reportLanguageOf(locale: string | undefined): ReportLanguage {
	return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
