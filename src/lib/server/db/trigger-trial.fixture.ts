// The rows of one trial, written in SQL that both SQLite and PostgreSQL take, for
// trigger-scenario.fixture.ts: the open trial, then its dataset's freeze, then its lock. `$T` stands
// for a time (milliseconds in SQLite, a timestamp in PostgreSQL). Rows have fixed ids.

export const TIME_IN = {
	sqlite: '1700000000000',
	postgres: "'2023-11-14 22:13:20.000+00'"
} as const;

/** Study 1 is the one frozen and locked; study 2 stays open beside it. */
export const OPEN_TRIAL = [
	`INSERT INTO users (id, email, name, password_hash, created_at) VALUES
		(1, 'reader@x.org', 'Reader', 'h', $T), (2, 'sponsor@x.org', 'Sponsor', 'h', $T),
		(3, 'coord@x.org', 'Coordinator', 'h', $T), (4, 'adjudicator@x.org', 'Adjudicator', 'h', $T)`,
	`INSERT INTO studies (id, slug, title, design, protocol_version, protocol_sha256, protocol_json,
		randomization_seed, source_dir, created_at, updated_at) VALUES
		(1, 'one', 'Study one', 'crossover', '1', 'p', '{}', 's', '/', $T, $T),
		(2, 'two', 'Study two', 'crossover', '1', 'p', '{}', 's', '/', $T, $T)`,
	`INSERT INTO sites (id, study_id, code, name) VALUES (1, 1, 'a', 'Site A'), (2, 2, 'a', 'Site A')`,
	`INSERT INTO cases (id, study_id, case_key, ordinal, site_id, strata_json, image_folder) VALUES
		(1, 1, 'K1', 1, 1, '{}', 'K1'), (2, 1, 'K2', 2, 1, '{}', 'K2'), (3, 2, 'K1', 1, 2, '{}', 'K1')`,
	`INSERT INTO images (id, case_id, ordinal, path, sha256, size_bytes, created_at) VALUES
		(1, 1, 1, 'K1/1.dcm', 'i', 10, $T), (2, 3, 1, 'K1/1.dcm', 'i', 10, $T)`,
	`INSERT INTO reference_truth (id, case_id, truth, details_json, source, created_at) VALUES
		(1, 1, 1, '{}', 'pathology', $T)`,
	`INSERT INTO truth_lesions (id, case_id, lesion_key, ordinal, weight, weight_given,
		attributes_json, regions_json, created_at) VALUES (1, 1, 'L1', 1, 1, true, '{}', '[]', $T)`,
	`INSERT INTO memberships (id, user_id, study_id, role, site_id, created_at) VALUES
		(1, 1, 1, 'reader', 1, $T), (2, 2, 1, 'sponsor', NULL, $T), (3, 3, 1, 'coordinator', 1, $T),
		(4, 4, 1, 'adjudicator', NULL, $T)`,
	`INSERT INTO reader_enrolments (id, study_id, membership_id, enrolment_index, reader_code,
		sequence, seed, algorithm, created_at) VALUES (1, 1, 1, 1, 'R01', 'AB', 's', 'a', $T)`,
	`INSERT INTO reading_sessions (id, study_id, membership_id, period, session_index, status,
		created_at) VALUES (1, 1, 1, 1, 1, 'open', $T)`,
	`INSERT INTO assignments (id, session_id, case_id, arm, position, public_id, created_at) VALUES
		(1, 1, 1, 'unaided', 1, 'a1', $T), (2, 1, 2, 'unaided', 2, 'a2', $T)`,
	`INSERT INTO reads (id, assignment_id, client_id, decision, confidence, submitted_at) VALUES
		(1, 1, 'original-01', 1, 60, $T)`,
	`INSERT INTO read_drafts (assignment_id, state_json, first_served_at, updated_at) VALUES
		(2, '{}', $T, $T)`,
	`INSERT INTO monitor_queries (id, study_id, site_id, target_type, target_id, question, raised_by,
		status, created_at) VALUES (1, 1, 1, 'read', 1, 'Why?', 2, 'answered', $T)`,
	`INSERT INTO query_answers (id, query_id, answer, answered_by, answered_by_label, answered_at)
		VALUES (1, 1, 'Because.', 3, 'coord@x.org', $T)`,
	`INSERT INTO audit_events (seq, at, actor, action, entity_type, prev_hash, hash) VALUES
		(1, '2023-11-14T22:13:20.000Z', 'system', 'a', 'thing', '0', 'h1')`,
	`INSERT INTO audit_checkpoints (id, seq, hash, row_count, signed_at, occasion, key_id, signature)
		VALUES (1, 1, 'h1', 1, '2023-11-14T22:13:20.000Z', 'manual', 'k', 's')`,
	`INSERT INTO signatures (id, study_id, user_id, signer_name, signer_email, role, meaning,
		record_type, record_id, record_hash, signed_at) VALUES (1, 1, 2, 'Sponsor', 'sponsor@x.org',
		'sponsor', 'approved', 'lock', '1', '${'a'.repeat(64)}', $T)`,
	`INSERT INTO protocol_versions (id, study_id, revision, protocol_version, sha256, files_json,
		protocol_json, created_at) VALUES (1, 1, 1, '1', 'p', '{}', '{}', $T)`,
	`INSERT INTO import_runs (id, study_id, source_kind, source, match_key, deid_key_id, status,
		started_by, started_at) VALUES (1, 1, 'folder', 'label', 'accession', 'k', 'completed', 'op', $T)`,
	`INSERT INTO imported_instances (id, study_id, case_id, run_id, sop_instance_uid,
		study_instance_uid, series_instance_uid, sop_class_uid, path, sha256, size_bytes,
		transfer_syntax_uid, deid_log_json, created_at) VALUES
		(1, 1, 1, 1, '1.2.1', '1.2', '1.2.0', '1.2.840', 'K1/1.dcm', 'i', 10, '1.2.840.10008.1.2.1', '[]', $T)`,
	`INSERT INTO burned_in_reviews (id, study_id, case_id, instance_id, reasons_json, status,
		created_at) VALUES (1, 1, 1, 1, '[]', 'pending', $T)`,
	`INSERT INTO ai_models (id, name, version, sha256, manifest_json, path, created_at) VALUES
		(1, 'model', '1', 'm', '{}', 'm.onnx', $T), (2, 'model', '2', 'm2', '{}', 'm2.onnx', $T)`,
	`INSERT INTO ai_results (id, model_id, case_id, status, score, created_at) VALUES
		(1, 1, 1, 'done', 0.8, $T), (2, 1, 2, 'failed', NULL, $T)`,
	`INSERT INTO annotation_tasks (id, study_id, case_id, membership_id, position, seed, created_at)
		VALUES (1, 1, 1, 4, 1, 's', $T)`,
	`INSERT INTO annotations (id, task_id, client_id, classification, lesions_json, submitted_at)
		VALUES (1, 1, 'annotation-01', 1, '[]', $T)`,
	`INSERT INTO truth_decisions (id, study_id, case_id, kind, classification, lesions_json, applied,
		decided_at) VALUES (1, 1, 1, 'consensus', 1, '[]', false, $T)`,
	`INSERT INTO qc_checks (id, case_id, membership_id, outcome, checked_at) VALUES
		(1, 1, 4, 'confirmed', $T)`,
	`INSERT INTO qc_overrides (id, study_id, reason, overridden_by, record_hash, created_at) VALUES
		(1, 1, 'late', 'admin', 'r', $T)`,
	`INSERT INTO independence_checks (id, study_id, dataset_fingerprint, manifest_sha256,
		manifest_rows, exchange_key_id, result_json, checked_by, checked_at) VALUES
		(1, 1, 'f', 'm', 3, 'k', '{}', 'op', $T)`,
	`INSERT INTO anomaly_classifications (id, study_id, ai_result_id, case_id, cause, note,
		classified_by, classified_at) VALUES (1, 1, 2, 2, 'external', 'power cut', 'evaluator', $T)`
];

export const FREEZE = [
	`INSERT INTO dataset_versions (id, study_id, version, fingerprint, cases, images, frozen_by,
		frozen_at) VALUES (1, 1, 1, 'f', 2, 1, 'op', $T)`
];

export const LOCK = [
	`INSERT INTO study_locks (id, study_id, fingerprint, reason, locked_by, created_at) VALUES
		(1, 1, 'f', 'all reads in', 'admin', $T)`
];
