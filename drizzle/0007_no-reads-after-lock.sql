-- Custom migration (drizzle-kit generate --custom): once a study is locked, the database itself
-- refuses any new read in it, whatever the caller (the read service refuses first, with a message).
CREATE TRIGGER `reads_no_insert_after_lock` BEFORE INSERT ON `reads`
WHEN EXISTS (
	SELECT 1 FROM `assignments` a
	JOIN `reading_sessions` s ON s.`id` = a.`session_id`
	JOIN `study_locks` l ON l.`study_id` = s.`study_id`
	WHERE a.`id` = NEW.`assignment_id`
)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: no read can be added');
END;
