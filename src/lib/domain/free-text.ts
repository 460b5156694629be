// Bounds on the free text people type — reasons, notes, query texts, names, addresses — shared by
// forms and services. Every service checks them where it takes the text, so nothing unbounded
// reaches the database or the audit trail.
import { z } from 'zod';

export const TEXT_MAX = {
	/** A reason (withdrawal, lock, amendment, reopening) or a query's question or answer. */
	reason: 2000,
	/** A reviewer's note. */
	note: 2000,
	/** A person's name, a specialty. */
	name: 200,
	/** An e-mail address (RFC 5321's limit). */
	email: 254,
	/** A study slug or a site code. */
	code: 64
} as const;

/** Text that must be given: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number, empty = 'must not be empty') {
	return z.string().trim().min(1, empty).max(max);
}

/** Text that may be left out: trimmed, at most `max` characters. */
export function optionalText(max: number) {
	return z.string().trim().max(max).optional();
}
