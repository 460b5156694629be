// One trial, written in SQL that both databases take, in three stages (open, dataset frozen, study
// locked), and the writes each stage must refuse or let through: postgres-triggers.spec.ts runs every
// write against SQLite (drizzle/) and PostgreSQL (drizzle/pg) and expects the same outcome from both.
// The trial's rows are in trigger-trial.fixture.ts.

import { FREEZE, LOCK, OPEN_TRIAL } from './trigger-trial.fixture';

/** A write and what both databases must answer: `ok`, `unique violation`, or the refusal's message. */
export interface Probe {
	/** Run in one transaction, rolled back after; the outcome is the first statement's refusal. */
	sql: string | string[];
	expect: string;
}

const OK = 'ok';
const UNIQUE = 'unique violation';
const readInsert = (values: string) =>
	`INSERT INTO reads (id, assignment_id, client_id, decision, confidence, submitted_at,
		supersedes_read_id, correction_reason, corrected_by, corrected_by_role) VALUES (${values})`;
const CORRECTION_RULE = 'a correction, and only a correction, carries a reason and who filed it';
const signatureWithHash = (hash: string) =>
	`INSERT INTO signatures (id, study_id, user_id, signer_name, signer_email, role, meaning,
		record_type, record_id, record_hash, signed_at) VALUES (2, 1, 2, 'Sponsor', 'sponsor@x.org',
		'sponsor', 'approved', 'lock', '1', '${hash}', $T)`;

const appendOnly = (table: string, update: string, message: (verb: string) => string): Probe[] => [
	{ sql: `UPDATE ${table} SET ${update}`, expect: message('UPDATE') },
	{ sql: `DELETE FROM ${table}`, expect: message('DELETE') }
];

const OPEN_PROBES: Probe[] = [
	...appendOnly(
		'audit_events',
		"action = 'b'",
		(verb) => `audit_events is append-only: ${verb} refused`
	),
	{
		sql: "UPDATE reads SET measurements_json = '[]'",
		expect: 'a submitted read is immutable: UPDATE refused (record a correction instead)'
	},
	{ sql: 'DELETE FROM reads', expect: 'a submitted read is immutable: DELETE refused' },
	{
		sql: "UPDATE query_answers SET answer = 'rewritten'",
		expect: 'query_answers is append-only: UPDATE refused (give a new answer instead)'
	},
	{ sql: 'DELETE FROM query_answers', expect: 'query_answers is append-only: DELETE refused' },
	{
		sql: "UPDATE monitor_queries SET answer = 'rewritten'",
		expect: "a query's answers are append-only (query_answers): UPDATE of the answer refused"
	},
	{ sql: "UPDATE monitor_queries SET status = 'closed'", expect: OK },
	...appendOnly(
		'audit_checkpoints',
		"hash = 'x'",
		(verb) => `audit_checkpoints is append-only: ${verb} refused`
	),
	...appendOnly(
		'signatures',
		"meaning = 'reviewed'",
		(verb) => `signatures are append-only: ${verb} refused`
	),
	{
		sql: signatureWithHash('A'.repeat(64)),
		expect: 'a signature needs the SHA-256 (64 lower-case hex digits) of the signed record'
	},
	{
		sql: signatureWithHash('abc'),
		expect: 'a signature needs the SHA-256 (64 lower-case hex digits) of the signed record'
	},
	{ sql: signatureWithHash('0123456789abcdef'.repeat(4)), expect: OK },
	...appendOnly('annotations', 'classification = 0', () => 'annotations are append-only'),
	...appendOnly('truth_decisions', 'classification = 0', () => 'truth decisions are append-only'),
	...appendOnly('qc_checks', "outcome = 'corrected'", () => 'qc checks are append-only'),
	...appendOnly('qc_overrides', "reason = 'x'", () => 'qc overrides are append-only'),
	...appendOnly(
		'independence_checks',
		"result_json = '[]'",
		() => 'independence checks are append-only'
	),
	...appendOnly(
		'anomaly_classifications',
		"note = 'x'",
		() => 'anomaly classifications are append-only'
	),
	// Read corrections (one-current-read.spec.ts).
	{
		sql: readInsert("10, 2, 'elsewhere', 1, 70, $T, 1, 'typo', 1, 'reader'"),
		expect: 'a correction must supersede a read of the same assignment'
	},
	{
		sql: readInsert("10, 1, 'no-reason', 1, 70, $T, 1, NULL, NULL, NULL"),
		expect: CORRECTION_RULE
	},
	{ sql: readInsert("10, 1, 'blank', 1, 70, $T, 1, ' ', 1, 'reader'"), expect: CORRECTION_RULE },
	{
		sql: readInsert("10, 1, 'stranger', 1, 70, $T, 1, 'typo', 1, 'sponsor'"),
		expect: CORRECTION_RULE
	},
	{
		sql: readInsert("10, 2, 'reason-only', 1, 70, $T, NULL, 'typo', 1, 'reader'"),
		expect: CORRECTION_RULE
	},
	{
		sql: readInsert("10, 1, 'second-original', 0, 10, $T, NULL, NULL, NULL, NULL"),
		expect: UNIQUE
	},
	{ sql: readInsert("10, 1, 'fix-1', 1, 70, $T, 1, 'typo', 1, 'reader'"), expect: OK },
	{
		sql: [
			readInsert("10, 1, 'fix-1', 1, 70, $T, 1, 'typo', 1, 'reader'"),
			readInsert("11, 1, 'fix-2', 1, 70, $T, 1, 'typo', 1, 'reader'")
		],
		expect: UNIQUE
	},
	{ sql: readInsert("10, 2, 'original-02', 0, 10, $T, NULL, NULL, NULL, NULL"), expect: OK },
	// An open study changes freely.
	{ sql: "UPDATE images SET path = 'elsewhere.dcm' WHERE id = 1", expect: OK },
	{ sql: 'UPDATE cases SET strata_json = \'{"site":"b"}\' WHERE id = 1', expect: OK },
	{ sql: 'DELETE FROM truth_lesions', expect: OK },
	{ sql: 'UPDATE ai_results SET score = 0.3 WHERE id = 1', expect: OK }
];

const FROZEN = (what: string) => `the dataset is frozen: reopen it for a new version to ${what}`;

const FROZEN_PROBES: Probe[] = [
	{
		sql: "INSERT INTO images (id, case_id, ordinal, path, sha256, size_bytes, created_at) VALUES (10, 1, 2, 'K1/2.dcm', 'i', 10, $T)",
		expect: FROZEN('change images')
	},
	{ sql: "UPDATE images SET sha256 = 'x' WHERE case_id = 1", expect: FROZEN('change images') },
	{ sql: 'DELETE FROM images WHERE case_id = 1', expect: FROZEN('change images') },
	{
		sql: "INSERT INTO reference_truth (id, case_id, truth, details_json, source, created_at) VALUES (10, 2, 0, '{}', 'pathology', $T)",
		expect: FROZEN('change the truth')
	},
	{ sql: 'UPDATE reference_truth SET truth = 1 - truth', expect: FROZEN('change the truth') },
	{ sql: "UPDATE reference_truth SET source = 'biopsy'", expect: OK },
	{ sql: 'DELETE FROM reference_truth', expect: FROZEN('change the truth') },
	{
		sql: "INSERT INTO cases (id, study_id, case_key, ordinal, strata_json, image_folder) VALUES (10, 1, 'K9', 9, '{}', 'K9')",
		expect: FROZEN('add a case')
	},
	{
		sql: 'UPDATE cases SET strata_json = \'{"vendor":"x"}\' WHERE id = 1',
		expect: FROZEN('change a case')
	},
	{ sql: 'UPDATE cases SET ordinal = 5 WHERE id = 1', expect: OK },
	{ sql: 'DELETE FROM cases WHERE id = 2', expect: FROZEN('remove a case') },
	{
		sql: "INSERT INTO truth_lesions (id, case_id, lesion_key, ordinal, weight, weight_given, attributes_json, regions_json, created_at) VALUES (10, 1, 'L2', 2, 0.5, true, '{}', '[]', $T)",
		expect: FROZEN('change the truth lesions')
	},
	{ sql: 'UPDATE truth_lesions SET weight = 0.3', expect: FROZEN('change the truth lesions') },
	{ sql: 'DELETE FROM truth_lesions', expect: FROZEN('change the truth lesions') },
	// The other study is not frozen; a reopened dataset changes again.
	{ sql: 'UPDATE cases SET strata_json = \'{"vendor":"x"}\' WHERE id = 3', expect: OK },
	{
		sql: [
			"UPDATE dataset_versions SET reopened_at = $T, reopened_by = 'op', reopen_reason = 'fix'",
			"UPDATE images SET sha256 = 'x' WHERE case_id = 1"
		],
		expect: OK
	}
];

const LOCKED = (what: string) => `the study is locked: ${what}`;
const PEOPLE = LOCKED('its readers and coordinators can no longer change');

/** Each guarded table: an insert (or none), an update and a delete of study 1's rows. */
const lockedTable = (message: string, insert: string | null, update: string, remove: string) => [
	...(insert ? [{ sql: insert, expect: message }] : []),
	{ sql: update, expect: message },
	{ sql: remove, expect: message }
];

const LOCKED_PROBES: Probe[] = [
	// Frozen too: the lock's refusal is the one raised, as in SQLite.
	...lockedTable(
		LOCKED('an image can no longer change'),
		"INSERT INTO images (id, case_id, ordinal, path, sha256, size_bytes, created_at) VALUES (10, 1, 2, 'K1/2.dcm', 'i', 10, $T)",
		"UPDATE images SET path = 'elsewhere.dcm' WHERE id = 1",
		'DELETE FROM images WHERE id = 1'
	),
	...lockedTable(
		LOCKED('a case can no longer change'),
		"INSERT INTO cases (id, study_id, case_key, ordinal, strata_json, image_folder) VALUES (10, 1, 'K9', 9, '{}', 'K9')",
		"UPDATE cases SET strata_json = '{}' WHERE id = 1",
		'DELETE FROM cases WHERE id = 2'
	),
	...lockedTable(
		LOCKED('the reference truth can no longer change'),
		"INSERT INTO reference_truth (id, case_id, truth, details_json, source, created_at) VALUES (10, 2, 0, '{}', 'pathology', $T)",
		'UPDATE reference_truth SET truth = 1 - truth',
		'DELETE FROM reference_truth'
	),
	...lockedTable(
		LOCKED('the truth lesions can no longer change'),
		"INSERT INTO truth_lesions (id, case_id, lesion_key, ordinal, weight, weight_given, attributes_json, regions_json, created_at) VALUES (10, 1, 'L2', 2, 0.5, true, '{}', '[]', $T)",
		'UPDATE truth_lesions SET weight = 0.3',
		'DELETE FROM truth_lesions'
	),
	{
		sql: readInsert("10, 2, 'after-lock', 0, 10, $T, NULL, NULL, NULL, NULL"),
		expect: LOCKED('no read can be added')
	},
	{
		sql: "INSERT INTO memberships (id, user_id, study_id, role, site_id, created_at) VALUES (10, 2, 1, 'reader', 1, $T)",
		expect: PEOPLE
	},
	{ sql: 'UPDATE memberships SET withdrawn_at = $T WHERE id = 1', expect: PEOPLE },
	{ sql: "UPDATE memberships SET role = 'reader' WHERE id = 2", expect: PEOPLE },
	{ sql: 'DELETE FROM memberships WHERE id = 3', expect: PEOPLE },
	{
		sql: "INSERT INTO memberships (id, user_id, study_id, role, site_id, created_at) VALUES (10, 3, 1, 'evaluator', NULL, $T)",
		expect: OK
	},
	{ sql: 'UPDATE memberships SET withdrawn_at = $T WHERE id = 2', expect: OK },
	...lockedTable(
		LOCKED('an enrolment can no longer change'),
		"INSERT INTO reader_enrolments (id, study_id, membership_id, enrolment_index, reader_code, sequence, seed, algorithm, created_at) VALUES (10, 1, 3, 2, 'R02', 'BA', 's', 'a', $T)",
		"UPDATE reader_enrolments SET withdrawn_at = $T, withdrawal_reason = 'moved'",
		'DELETE FROM reader_enrolments'
	),
	...lockedTable(
		LOCKED('a reading session can no longer change'),
		"INSERT INTO reading_sessions (id, study_id, membership_id, period, session_index, status, created_at) VALUES (10, 1, 1, 9, 1, 'open', $T)",
		"UPDATE reading_sessions SET status = 'completed'",
		'DELETE FROM reading_sessions'
	),
	...lockedTable(
		LOCKED('an assignment can no longer change'),
		"INSERT INTO assignments (id, session_id, case_id, arm, position, public_id, created_at) VALUES (10, 1, 2, 'aided', 3, 'a10', $T)",
		"UPDATE assignments SET arm = 'aided'",
		'DELETE FROM assignments WHERE id = 2'
	),
	...lockedTable(
		LOCKED('a draft read can no longer change'),
		"INSERT INTO read_drafts (assignment_id, state_json, first_served_at, updated_at) VALUES (1, '{}', $T, $T)",
		'UPDATE read_drafts SET state_json = \'{"confidence":40}\'',
		'DELETE FROM read_drafts'
	),
	...lockedTable(
		LOCKED('a query can no longer change'),
		"INSERT INTO monitor_queries (id, study_id, site_id, target_type, target_id, question, raised_by, status, created_at) VALUES (10, 1, 1, 'read', 1, 'Again?', 2, 'open', $T)",
		"UPDATE monitor_queries SET status = 'closed'",
		'DELETE FROM monitor_queries'
	),
	{
		sql: "INSERT INTO query_answers (id, query_id, answer, answered_by, answered_by_label, answered_at) VALUES (10, 1, 'Late.', 3, 'coord@x.org', $T)",
		expect: LOCKED('a query can no longer change')
	},
	...lockedTable(
		LOCKED('a site can no longer change'),
		"INSERT INTO sites (id, study_id, code, name) VALUES (10, 1, 'b', 'Site B')",
		"UPDATE sites SET name = 'renamed' WHERE id = 1",
		'DELETE FROM sites WHERE id = 1'
	),
	...lockedTable(
		LOCKED('the protocol can no longer change'),
		"INSERT INTO protocol_versions (id, study_id, revision, protocol_version, sha256, files_json, protocol_json, created_at) VALUES (10, 1, 2, '2', 'p', '{}', '{}', $T)",
		"UPDATE protocol_versions SET reason = 'x'",
		'DELETE FROM protocol_versions'
	),
	...lockedTable(
		LOCKED('an image import can no longer change'),
		"INSERT INTO import_runs (id, study_id, source_kind, source, match_key, deid_key_id, status, started_by, started_at) VALUES (10, 1, 'folder', 'l', 'accession', 'k', 'running', 'op', $T)",
		'UPDATE import_runs SET failed = 1',
		'DELETE FROM import_runs'
	),
	...lockedTable(
		LOCKED('an imported image can no longer change'),
		null,
		'UPDATE imported_instances SET withdrawn_at = $T',
		'DELETE FROM imported_instances'
	),
	...lockedTable(
		LOCKED('a burned-in review can no longer change'),
		null,
		"UPDATE burned_in_reviews SET status = 'cleared'",
		'DELETE FROM burned_in_reviews'
	),
	...lockedTable(
		LOCKED('the dataset version can no longer change'),
		"INSERT INTO dataset_versions (id, study_id, version, fingerprint, cases, images, frozen_by, frozen_at) VALUES (10, 1, 2, 'g', 2, 1, 'op', $T)",
		'UPDATE dataset_versions SET reopened_at = $T',
		'DELETE FROM dataset_versions'
	),
	{
		sql: "UPDATE studies SET title = 'another' WHERE id = 1",
		expect: LOCKED('only its unblinding can still be recorded')
	},
	{ sql: 'UPDATE studies SET unblinded_at = $T WHERE id = 1', expect: OK },
	{ sql: 'DELETE FROM studies WHERE id = 1', expect: LOCKED('it can no longer be removed') },
	// The AI's final results are sealed; a queued one and a new model's results are not.
	{
		sql: 'UPDATE ai_results SET score = 0.3 WHERE id = 1',
		expect: LOCKED('its AI results are sealed')
	},
	{ sql: 'DELETE FROM ai_results WHERE id = 2', expect: LOCKED('its AI results are sealed') },
	{
		sql: [
			"INSERT INTO ai_results (id, model_id, case_id, status, created_at) VALUES (10, 2, 1, 'queued', $T)",
			"UPDATE ai_results SET status = 'done', score = 0.7 WHERE id = 10"
		],
		expect: OK
	},
	// The other study is not locked.
	{ sql: "UPDATE sites SET name = 'renamed' WHERE id = 2", expect: OK },
	{
		sql: "INSERT INTO memberships (id, user_id, study_id, role, site_id, created_at) VALUES (10, 1, 2, 'reader', 2, $T)",
		expect: OK
	}
];

export interface Stage {
	name: string;
	/** Written (and kept) before the stage's probes, after the earlier stages'. */
	setup: string[];
	probes: Probe[];
}

export const TRIGGER_SCENARIO: Stage[] = [
	{ name: 'an open study', setup: OPEN_TRIAL, probes: OPEN_PROBES },
	{ name: 'a frozen dataset', setup: FREEZE, probes: FROZEN_PROBES },
	{ name: 'a locked study (its dataset frozen too)', setup: LOCK, probes: LOCKED_PROBES }
];
