import type { ParamMatcher } from '@sveltejs/kit';

/** A database row id in a URL (e.g. a read's): a positive whole number. */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,14}$/.test(param);
