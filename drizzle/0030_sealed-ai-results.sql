-- Custom migration (drizzle-kit generate --custom): once a study is locked, the AI's final results
-- on its cases (done or failed) are sealed by the lock's fingerprint; the database itself refuses to
-- change or remove them, whatever the caller. A finished job is never recomputed, so no service
-- updates such a row; new results (another model version scored after the lock) are still added.
CREATE TRIGGER `ai_results_no_update_after_lock` BEFORE UPDATE ON `ai_results`
WHEN OLD.`status` IN ('done', 'failed') AND EXISTS (
	SELECT 1 FROM `cases` c
	JOIN `study_locks` l ON l.`study_id` = c.`study_id`
	WHERE c.`id` = OLD.`case_id`
)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: its AI results are sealed');
END;
--> statement-breakpoint
CREATE TRIGGER `ai_results_no_delete_after_lock` BEFORE DELETE ON `ai_results`
WHEN OLD.`status` IN ('done', 'failed') AND EXISTS (
	SELECT 1 FROM `cases` c
	JOIN `study_locks` l ON l.`study_id` = c.`study_id`
	WHERE c.`id` = OLD.`case_id`
)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: its AI results are sealed');
END;
