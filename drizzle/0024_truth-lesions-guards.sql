-- Custom migration (drizzle-kit generate --custom): the truth lesions are guarded as the reference
-- truth is: no change while the study's dataset is frozen, none after the study is locked.
CREATE TRIGGER `truth_lesions_frozen_no_insert` BEFORE INSERT ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth lesions');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_lesions_frozen_no_update` BEFORE UPDATE ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth lesions');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_lesions_frozen_no_delete` BEFORE DELETE ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth lesions');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_lesions_no_insert_after_lock` BEFORE INSERT ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the truth lesions can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_lesions_no_update_after_lock` BEFORE UPDATE ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`) OR EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the truth lesions can no longer change');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_lesions_no_delete_after_lock` BEFORE DELETE ON `truth_lesions`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `study_locks` l ON l.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id`)
BEGIN
	SELECT RAISE(ABORT, 'the study is locked: the truth lesions can no longer change');
END;
