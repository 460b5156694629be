-- Custom migration (drizzle-kit generate --custom): while a study's dataset is frozen (its latest
-- dataset version is not reopened), the database itself refuses any change to its cases' strata,
-- images and reference truth, whatever the caller (the services refuse first, with a message).
CREATE TRIGGER `images_frozen_no_insert` BEFORE INSERT ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change images');
END;
--> statement-breakpoint
CREATE TRIGGER `images_frozen_no_update` BEFORE UPDATE ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change images');
END;
--> statement-breakpoint
CREATE TRIGGER `images_frozen_no_delete` BEFORE DELETE ON `images`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change images');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_frozen_no_insert` BEFORE INSERT ON `reference_truth`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = NEW.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_frozen_no_update` BEFORE UPDATE ON `reference_truth`
WHEN (OLD.`truth` IS NOT NEW.`truth` OR OLD.`details_json` IS NOT NEW.`details_json` OR OLD.`case_id` IS NOT NEW.`case_id`)
	AND EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_frozen_no_delete` BEFORE DELETE ON `reference_truth`
WHEN EXISTS (SELECT 1 FROM `cases` c JOIN `dataset_versions` v ON v.`study_id` = c.`study_id` WHERE c.`id` = OLD.`case_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change the truth');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_frozen_no_insert` BEFORE INSERT ON `cases`
WHEN EXISTS (SELECT 1 FROM `dataset_versions` v WHERE v.`study_id` = NEW.`study_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to add a case');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_frozen_no_update` BEFORE UPDATE ON `cases`
WHEN (OLD.`strata_json` IS NOT NEW.`strata_json` OR OLD.`site_id` IS NOT NEW.`site_id` OR OLD.`case_key` IS NOT NEW.`case_key` OR OLD.`study_id` IS NOT NEW.`study_id`)
	AND EXISTS (SELECT 1 FROM `dataset_versions` v WHERE v.`study_id` = OLD.`study_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to change a case');
END;
--> statement-breakpoint
CREATE TRIGGER `cases_frozen_no_delete` BEFORE DELETE ON `cases`
WHEN EXISTS (SELECT 1 FROM `dataset_versions` v WHERE v.`study_id` = OLD.`study_id` AND v.`reopened_at` IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'the dataset is frozen: reopen it for a new version to remove a case');
END;
