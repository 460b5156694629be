import type { ParamMatcher } from '@sveltejs/kit';

/** An assignment's opaque id: 26 base-32 characters, nothing about the case in it. */
export const match: ParamMatcher = (param) => /^[a-z2-7]{26}$/.test(param);
