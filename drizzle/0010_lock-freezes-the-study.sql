-- Custom migration (drizzle-kit generate --custom): once a study is locked, nothing in it changes.
-- The database itself refuses every write to the study's people, schedule, drafts, queries,
-- protocol and case set, whatever the caller (each service refuses first, with a message); reads
-- were frozen by 0007. The study row keeps only the time of unblinding writable. Study-wide roles
-- (sponsor, statistician, evaluator, admin) may still be given: the independent evaluator who
-- commits the results is often appointed after the lock; the site roles (readers, coordinators) may not.
CREATE TRIGGER `memberships_no_insert_after_lock` BEFORE INSERT ON `memberships`
WHEN NEW.`role` IN ('reader', 'coordinator') AND EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: its readers and coordinators can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_no_update_after_lock` BEFORE UPDATE ON `memberships`
WHEN (OLD.`role` IN ('reader', 'coordinator') AND EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)) OR (NEW.`role` IN ('reader', 'coordinator') AND EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`))
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: its readers and coordinators can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_no_delete_after_lock` BEFORE DELETE ON `memberships`
WHEN OLD.`role` IN ('reader', 'coordinator') AND EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: its readers and coordinators can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reader_enrolments_no_insert_after_lock` BEFORE INSERT ON `reader_enrolments`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an enrolment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reader_enrolments_no_update_after_lock` BEFORE UPDATE ON `reader_enrolments`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an enrolment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reader_enrolments_no_delete_after_lock` BEFORE DELETE ON `reader_enrolments`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an enrolment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reading_sessions_no_insert_after_lock` BEFORE INSERT ON `reading_sessions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a reading session can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reading_sessions_no_update_after_lock` BEFORE UPDATE ON `reading_sessions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a reading session can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reading_sessions_no_delete_after_lock` BEFORE DELETE ON `reading_sessions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a reading session can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_no_insert_after_lock` BEFORE INSERT ON `assignments`
WHEN EXISTS (SELECT 1 FROM `reading_sessions` s JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE s.`id` = NEW.`session_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an assignment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_no_update_after_lock` BEFORE UPDATE ON `assignments`
WHEN EXISTS (SELECT 1 FROM `reading_sessions` s JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE s.`id` = OLD.`session_id`) OR EXISTS (SELECT 1 FROM `reading_sessions` s JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE s.`id` = NEW.`session_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an assignment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `assignments_no_delete_after_lock` BEFORE DELETE ON `assignments`
WHEN EXISTS (SELECT 1 FROM `reading_sessions` s JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE s.`id` = OLD.`session_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an assignment can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `read_drafts_no_insert_after_lock` BEFORE INSERT ON `read_drafts`
WHEN EXISTS (SELECT 1 FROM `assignments` a JOIN `reading_sessions` s ON s.`id` = a.`session_id` JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE a.`id` = NEW.`assignment_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a draft read can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `read_drafts_no_update_after_lock` BEFORE UPDATE ON `read_drafts`
WHEN EXISTS (SELECT 1 FROM `assignments` a JOIN `reading_sessions` s ON s.`id` = a.`session_id` JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE a.`id` = OLD.`assignment_id`) OR EXISTS (SELECT 1 FROM `assignments` a JOIN `reading_sessions` s ON s.`id` = a.`session_id` JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE a.`id` = NEW.`assignment_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a draft read can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `read_drafts_no_delete_after_lock` BEFORE DELETE ON `read_drafts`
WHEN EXISTS (SELECT 1 FROM `assignments` a JOIN `reading_sessions` s ON s.`id` = a.`session_id` JOIN `study_locks` l ON l.`study_id` = s.`study_id` WHERE a.`id` = OLD.`assignment_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a draft read can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `monitor_queries_no_insert_after_lock` BEFORE INSERT ON `monitor_queries`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a query can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `monitor_queries_no_update_after_lock` BEFORE UPDATE ON `monitor_queries`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a query can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `monitor_queries_no_delete_after_lock` BEFORE DELETE ON `monitor_queries`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a query can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `sites_no_insert_after_lock` BEFORE INSERT ON `sites`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a site can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `sites_no_update_after_lock` BEFORE UPDATE ON `sites`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a site can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `sites_no_delete_after_lock` BEFORE DELETE ON `sites`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a site can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_no_insert_after_lock` BEFORE INSERT ON `cases`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a case can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_no_update_after_lock` BEFORE UPDATE ON `cases`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a case can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_no_delete_after_lock` BEFORE DELETE ON `cases`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a case can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `images_no_insert_after_lock` BEFORE INSERT ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `images_no_update_after_lock` BEFORE UPDATE ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`) OR EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `images_no_delete_after_lock` BEFORE DELETE ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reference_truth_no_insert_after_lock` BEFORE INSERT ON `reference_truth`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the reference truth can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reference_truth_no_update_after_lock` BEFORE UPDATE ON `reference_truth`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`) OR EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the reference truth can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `reference_truth_no_delete_after_lock` BEFORE DELETE ON `reference_truth`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the reference truth can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `protocol_versions_no_insert_after_lock` BEFORE INSERT ON `protocol_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the protocol can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `protocol_versions_no_update_after_lock` BEFORE UPDATE ON `protocol_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the protocol can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `protocol_versions_no_delete_after_lock` BEFORE DELETE ON `protocol_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the protocol can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `import_runs_no_insert_after_lock` BEFORE INSERT ON `import_runs`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image import can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `import_runs_no_update_after_lock` BEFORE UPDATE ON `import_runs`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image import can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `import_runs_no_delete_after_lock` BEFORE DELETE ON `import_runs`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an image import can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `imported_instances_no_insert_after_lock` BEFORE INSERT ON `imported_instances`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an imported image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `imported_instances_no_update_after_lock` BEFORE UPDATE ON `imported_instances`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an imported image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `imported_instances_no_delete_after_lock` BEFORE DELETE ON `imported_instances`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: an imported image can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `burned_in_reviews_no_insert_after_lock` BEFORE INSERT ON `burned_in_reviews`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a burned-in review can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `burned_in_reviews_no_update_after_lock` BEFORE UPDATE ON `burned_in_reviews`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a burned-in review can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `burned_in_reviews_no_delete_after_lock` BEFORE DELETE ON `burned_in_reviews`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a burned-in review can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `dataset_versions_no_insert_after_lock` BEFORE INSERT ON `dataset_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the dataset version can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `dataset_versions_no_update_after_lock` BEFORE UPDATE ON `dataset_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`) OR EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = NEW.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the dataset version can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `dataset_versions_no_delete_after_lock` BEFORE DELETE ON `dataset_versions`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`study_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the dataset version can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `studies_no_update_after_lock` BEFORE UPDATE ON `studies`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`id`)
	AND (NEW.`id` IS NOT OLD.`id` OR NEW.`slug` IS NOT OLD.`slug` OR NEW.`title` IS NOT OLD.`title` OR NEW.`design` IS NOT OLD.`design` OR NEW.`protocol_version` IS NOT OLD.`protocol_version` OR NEW.`protocol_sha256` IS NOT OLD.`protocol_sha256` OR NEW.`protocol_json` IS NOT OLD.`protocol_json` OR NEW.`is_demo` IS NOT OLD.`is_demo` OR NEW.`randomization_seed` IS NOT OLD.`randomization_seed` OR NEW.`source_dir` IS NOT OLD.`source_dir` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: only its unblinding can still be recorded');
END;
--> statement-breakpoint
CREATE TRIGGER `studies_no_delete_after_lock` BEFORE DELETE ON `studies`
WHEN EXISTS (SELECT 1 FROM `study_locks` l WHERE l.`study_id` = OLD.`id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: it can no longer be removed');
END;
