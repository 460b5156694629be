-- The PostgreSQL twin of drizzle/0030_sealed-ai-results.sql (drizzle-kit generate --custom):
-- once a study is locked, the AI's final results on its cases (done or failed) are sealed by the
-- lock's fingerprint: the database refuses to change or remove them; new results are still added.

CREATE TRIGGER ai_results_no_update_after_lock
	BEFORE UPDATE ON ai_results FOR EACH ROW
	WHEN (OLD.status IN ('done', 'failed'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old', 'the study is locked: its AI results are sealed');
--> statement-breakpoint
CREATE TRIGGER ai_results_no_delete_after_lock
	BEFORE DELETE ON ai_results FOR EACH ROW
	WHEN (OLD.status IN ('done', 'failed'))
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'case_id', 'old', 'the study is locked: its AI results are sealed');
