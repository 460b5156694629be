-- The PostgreSQL twin of drizzle/0010_lock-freezes-the-study.sql (drizzle-kit generate --custom):
-- once a study is locked, nothing in it changes: the database refuses every write to the study's
-- people, schedule, drafts, queries, protocol and case set; the study row keeps only the time of
-- unblinding writable. Study-wide roles may still be given; site roles (readers, coordinators) may
-- not. SQLite's one trigger on updated memberships (old row's role and study, or the new row's) is
-- two here, one for each row: a trigger's WHEN cannot look into another table.

CREATE TRIGGER memberships_no_insert_after_lock
	BEFORE INSERT ON memberships FOR EACH ROW
	WHEN (NEW.role IN ('reader', 'coordinator'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: its readers and coordinators can no longer change');
--> statement-breakpoint
CREATE TRIGGER memberships_no_update_after_lock
	BEFORE UPDATE ON memberships FOR EACH ROW
	WHEN (OLD.role IN ('reader', 'coordinator'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: its readers and coordinators can no longer change');
--> statement-breakpoint
CREATE TRIGGER memberships_no_update_after_lock_new
	BEFORE UPDATE ON memberships FOR EACH ROW
	WHEN (NEW.role IN ('reader', 'coordinator'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: its readers and coordinators can no longer change');
--> statement-breakpoint
CREATE TRIGGER memberships_no_delete_after_lock
	BEFORE DELETE ON memberships FOR EACH ROW
	WHEN (OLD.role IN ('reader', 'coordinator'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: its readers and coordinators can no longer change');
--> statement-breakpoint
CREATE TRIGGER reader_enrolments_no_insert_after_lock
	BEFORE INSERT ON reader_enrolments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: an enrolment can no longer change');
--> statement-breakpoint
CREATE TRIGGER reader_enrolments_no_update_after_lock
	BEFORE UPDATE ON reader_enrolments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: an enrolment can no longer change');
--> statement-breakpoint
CREATE TRIGGER reader_enrolments_no_delete_after_lock
	BEFORE DELETE ON reader_enrolments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: an enrolment can no longer change');
--> statement-breakpoint
CREATE TRIGGER reading_sessions_no_insert_after_lock
	BEFORE INSERT ON reading_sessions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: a reading session can no longer change');
--> statement-breakpoint
CREATE TRIGGER reading_sessions_no_update_after_lock
	BEFORE UPDATE ON reading_sessions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: a reading session can no longer change');
--> statement-breakpoint
CREATE TRIGGER reading_sessions_no_delete_after_lock
	BEFORE DELETE ON reading_sessions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: a reading session can no longer change');
--> statement-breakpoint
CREATE TRIGGER assignments_no_insert_after_lock
	BEFORE INSERT ON assignments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'session_id', 'new', 'the study is locked: an assignment can no longer change');
--> statement-breakpoint
CREATE TRIGGER assignments_no_update_after_lock
	BEFORE UPDATE ON assignments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'session_id', 'old-or-new', 'the study is locked: an assignment can no longer change');
--> statement-breakpoint
CREATE TRIGGER assignments_no_delete_after_lock
	BEFORE DELETE ON assignments FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'session_id', 'old', 'the study is locked: an assignment can no longer change');
--> statement-breakpoint
CREATE TRIGGER read_drafts_no_insert_after_lock
	BEFORE INSERT ON read_drafts FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'assignment_id', 'new', 'the study is locked: a draft read can no longer change');
--> statement-breakpoint
CREATE TRIGGER read_drafts_no_update_after_lock
	BEFORE UPDATE ON read_drafts FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'assignment_id', 'old-or-new', 'the study is locked: a draft read can no longer change');
--> statement-breakpoint
CREATE TRIGGER read_drafts_no_delete_after_lock
	BEFORE DELETE ON read_drafts FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'assignment_id', 'old', 'the study is locked: a draft read can no longer change');
--> statement-breakpoint
CREATE TRIGGER monitor_queries_no_insert_after_lock
	BEFORE INSERT ON monitor_queries FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: a query can no longer change');
--> statement-breakpoint
CREATE TRIGGER monitor_queries_no_update_after_lock
	BEFORE UPDATE ON monitor_queries FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: a query can no longer change');
--> statement-breakpoint
CREATE TRIGGER monitor_queries_no_delete_after_lock
	BEFORE DELETE ON monitor_queries FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: a query can no longer change');
--> statement-breakpoint
CREATE TRIGGER sites_no_insert_after_lock
	BEFORE INSERT ON sites FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: a site can no longer change');
--> statement-breakpoint
CREATE TRIGGER sites_no_update_after_lock
	BEFORE UPDATE ON sites FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: a site can no longer change');
--> statement-breakpoint
CREATE TRIGGER sites_no_delete_after_lock
	BEFORE DELETE ON sites FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: a site can no longer change');
--> statement-breakpoint
CREATE TRIGGER cases_no_insert_after_lock
	BEFORE INSERT ON cases FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: a case can no longer change');
--> statement-breakpoint
CREATE TRIGGER cases_no_update_after_lock
	BEFORE UPDATE ON cases FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: a case can no longer change');
--> statement-breakpoint
CREATE TRIGGER cases_no_delete_after_lock
	BEFORE DELETE ON cases FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: a case can no longer change');
--> statement-breakpoint
CREATE TRIGGER images_no_insert_after_lock
	BEFORE INSERT ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'new', 'the study is locked: an image can no longer change');
--> statement-breakpoint
CREATE TRIGGER images_no_update_after_lock
	BEFORE UPDATE ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old-or-new', 'the study is locked: an image can no longer change');
--> statement-breakpoint
CREATE TRIGGER images_no_delete_after_lock
	BEFORE DELETE ON images FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old', 'the study is locked: an image can no longer change');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_insert_after_lock
	BEFORE INSERT ON reference_truth FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'new', 'the study is locked: the reference truth can no longer change');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_update_after_lock
	BEFORE UPDATE ON reference_truth FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old-or-new', 'the study is locked: the reference truth can no longer change');
--> statement-breakpoint
CREATE TRIGGER reference_truth_no_delete_after_lock
	BEFORE DELETE ON reference_truth FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old', 'the study is locked: the reference truth can no longer change');
--> statement-breakpoint
CREATE TRIGGER protocol_versions_no_insert_after_lock
	BEFORE INSERT ON protocol_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: the protocol can no longer change');
--> statement-breakpoint
CREATE TRIGGER protocol_versions_no_update_after_lock
	BEFORE UPDATE ON protocol_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: the protocol can no longer change');
--> statement-breakpoint
CREATE TRIGGER protocol_versions_no_delete_after_lock
	BEFORE DELETE ON protocol_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: the protocol can no longer change');
--> statement-breakpoint
CREATE TRIGGER import_runs_no_insert_after_lock
	BEFORE INSERT ON import_runs FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: an image import can no longer change');
--> statement-breakpoint
CREATE TRIGGER import_runs_no_update_after_lock
	BEFORE UPDATE ON import_runs FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: an image import can no longer change');
--> statement-breakpoint
CREATE TRIGGER import_runs_no_delete_after_lock
	BEFORE DELETE ON import_runs FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: an image import can no longer change');
--> statement-breakpoint
CREATE TRIGGER imported_instances_no_insert_after_lock
	BEFORE INSERT ON imported_instances FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: an imported image can no longer change');
--> statement-breakpoint
CREATE TRIGGER imported_instances_no_update_after_lock
	BEFORE UPDATE ON imported_instances FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: an imported image can no longer change');
--> statement-breakpoint
CREATE TRIGGER imported_instances_no_delete_after_lock
	BEFORE DELETE ON imported_instances FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: an imported image can no longer change');
--> statement-breakpoint
CREATE TRIGGER burned_in_reviews_no_insert_after_lock
	BEFORE INSERT ON burned_in_reviews FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: a burned-in review can no longer change');
--> statement-breakpoint
CREATE TRIGGER burned_in_reviews_no_update_after_lock
	BEFORE UPDATE ON burned_in_reviews FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: a burned-in review can no longer change');
--> statement-breakpoint
CREATE TRIGGER burned_in_reviews_no_delete_after_lock
	BEFORE DELETE ON burned_in_reviews FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: a burned-in review can no longer change');
--> statement-breakpoint
CREATE TRIGGER dataset_versions_no_insert_after_lock
	BEFORE INSERT ON dataset_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'new', 'the study is locked: the dataset version can no longer change');
--> statement-breakpoint
CREATE TRIGGER dataset_versions_no_update_after_lock
	BEFORE UPDATE ON dataset_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old-or-new', 'the study is locked: the dataset version can no longer change');
--> statement-breakpoint
CREATE TRIGGER dataset_versions_no_delete_after_lock
	BEFORE DELETE ON dataset_versions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'study_id', 'old', 'the study is locked: the dataset version can no longer change');
--> statement-breakpoint
CREATE TRIGGER studies_no_update_after_lock
	BEFORE UPDATE ON studies FOR EACH ROW
	WHEN ((NEW.id IS DISTINCT FROM OLD.id OR NEW.slug IS DISTINCT FROM OLD.slug OR NEW.title IS DISTINCT FROM OLD.title OR NEW.design IS DISTINCT FROM OLD.design OR NEW.protocol_version IS DISTINCT FROM OLD.protocol_version OR NEW.protocol_sha256 IS DISTINCT FROM OLD.protocol_sha256 OR NEW.protocol_json IS DISTINCT FROM OLD.protocol_json OR NEW.is_demo IS DISTINCT FROM OLD.is_demo OR NEW.randomization_seed IS DISTINCT FROM OLD.randomization_seed OR NEW.source_dir IS DISTINCT FROM OLD.source_dir OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.updated_at IS DISTINCT FROM OLD.updated_at))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'id', 'old', 'the study is locked: only its unblinding can still be recorded');
--> statement-breakpoint
CREATE TRIGGER studies_no_delete_after_lock
	BEFORE DELETE ON studies FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'id', 'old', 'the study is locked: it can no longer be removed');
