-- The PostgreSQL twin of drizzle/0009_frozen-dataset-guards.sql (drizzle-kit generate --custom):
-- while a study's dataset is frozen (its latest dataset version is not reopened), the database
-- itself refuses any change to its cases' strata, images and reference truth. The triggers are
-- named `…_while_frozen` (SQLite: `…_frozen_…`) so that, PostgreSQL firing a table's triggers in
-- the order of their names and SQLite the latest-created first, a locked study's refusal (0004)
-- is the one raised in both when a frozen study is also locked.

CREATE TRIGGER images_no_insert_while_frozen
	BEFORE INSERT ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'new', 'the dataset is frozen: reopen it for a new version to change images');
--> statement-breakpoint
CREATE TRIGGER images_no_update_while_frozen
	BEFORE UPDATE ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change images');
--> statement-breakpoint
CREATE TRIGGER images_no_delete_while_frozen
	BEFORE DELETE ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change images');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_insert_while_frozen
	BEFORE INSERT ON reference_truth FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'new', 'the dataset is frozen: reopen it for a new version to change the truth');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_update_while_frozen
	BEFORE UPDATE ON reference_truth FOR EACH ROW
	WHEN ((OLD.truth IS DISTINCT FROM NEW.truth OR OLD.details_json IS DISTINCT FROM NEW.details_json OR OLD.case_id IS DISTINCT FROM NEW.case_id))
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change the truth');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_delete_while_frozen
	BEFORE DELETE ON reference_truth FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change the truth');
--> statement-breakpoint
CREATE TRIGGER cases_no_insert_while_frozen
	BEFORE INSERT ON cases FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'study_id', 'new', 'the dataset is frozen: reopen it for a new version to add a case');
--> statement-breakpoint
CREATE TRIGGER cases_no_update_while_frozen
	BEFORE UPDATE ON cases FOR EACH ROW
	WHEN ((OLD.strata_json IS DISTINCT FROM NEW.strata_json OR OLD.site_id IS DISTINCT FROM NEW.site_id OR OLD.case_key IS DISTINCT FROM NEW.case_key OR OLD.study_id IS DISTINCT FROM NEW.study_id))
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'study_id', 'old', 'the dataset is frozen: reopen it for a new version to change a case');
--> statement-breakpoint
CREATE TRIGGER cases_no_delete_while_frozen
	BEFORE DELETE ON cases FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'study_id', 'old', 'the dataset is frozen: reopen it for a new version to remove a case');
