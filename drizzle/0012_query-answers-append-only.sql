-- Custom migration (drizzle-kit generate --custom): a query's answers are kept, never written over.
-- The answers given before query_answers existed move there; the old columns stay as they are; no
-- answer can change or be removed; and after the lock none can be added (as 0010 for the rest).
INSERT INTO `query_answers` (`query_id`, `answer`, `answered_by`, `answered_by_label`, `answered_at`)
SELECT q.`id`, q.`answer`, q.`answered_by`, COALESCE(u.`email`, 'unknown'), COALESCE(q.`answered_at`, q.`created_at`)
FROM `monitor_queries` q LEFT JOIN `users` u ON u.`id` = q.`answered_by`
WHERE q.`answer` IS NOT NULL
ORDER BY q.`id`;
--> statement-breakpoint
CREATE TRIGGER `query_answers_no_update` BEFORE UPDATE ON `query_answers`
BEGIN
	SELECT RAISE(ABORT, 'query_answers is append-only: UPDATE refused (give a new answer instead)');
END;
--> statement-breakpoint
CREATE TRIGGER `query_answers_no_delete` BEFORE DELETE ON `query_answers`
BEGIN
	SELECT RAISE(ABORT, 'query_answers is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `monitor_queries_answer_kept` BEFORE UPDATE ON `monitor_queries`
WHEN NEW.`answer` IS NOT OLD.`answer` OR NEW.`answered_by` IS NOT OLD.`answered_by` OR NEW.`answered_at` IS NOT OLD.`answered_at`
BEGIN
	SELECT RAISE(ABORT, 'a query''s answers are append-only (query_answers): UPDATE of the answer refused');
END;
--> statement-breakpoint
CREATE TRIGGER `query_answers_no_insert_after_lock` BEFORE INSERT ON `query_answers`
WHEN EXISTS (SELECT 1 FROM `monitor_queries` q JOIN `study_locks` l ON l.`study_id` = q.`study_id` WHERE q.`id` = NEW.`query_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: a query can no longer change');
END;
