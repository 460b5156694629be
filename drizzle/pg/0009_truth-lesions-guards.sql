-- The PostgreSQL twin of drizzle/0024_truth-lesions-guards.sql (drizzle-kit generate --custom):
-- the truth lesions are guarded as the reference truth is: no change while the study's dataset is
-- frozen, none after the study is locked (frozen guards named `…_while_frozen`, as in 0003).

CREATE TRIGGER truth_lesions_no_insert_while_frozen
	BEFORE INSERT ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'new', 'the dataset is frozen: reopen it for a new version to change the truth lesions');
--> statement-breakpoint
CREATE TRIGGER truth_lesions_no_update_while_frozen
	BEFORE UPDATE ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change the truth lesions');
--> statement-breakpoint
CREATE TRIGGER truth_lesions_no_delete_while_frozen
	BEFORE DELETE ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('frozen', 'case_id', 'old', 'the dataset is frozen: reopen it for a new version to change the truth lesions');
--> statement-breakpoint
CREATE TRIGGER truth_lesions_no_insert_after_lock
	BEFORE INSERT ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'new', 'the study is locked: the truth lesions can no longer change');
--> statement-breakpoint
CREATE TRIGGER truth_lesions_no_update_after_lock
	BEFORE UPDATE ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old-or-new', 'the study is locked: the truth lesions can no longer change');
--> statement-breakpoint
CREATE TRIGGER truth_lesions_no_delete_after_lock
	BEFORE DELETE ON truth_lesions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old', 'the study is locked: the truth lesions can no longer change');
