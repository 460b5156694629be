-- The PostgreSQL twin of drizzle/0012_query-answers-append-only.sql (drizzle-kit generate --custom):
-- a query's answers are kept, never written over: no answer can change or be removed, the old
-- answer columns of monitor_queries stay as they are, and after the lock no answer can be added.
-- (The SQLite migration also moved the answers given before query_answers existed; a PostgreSQL
-- database starts at the current schema, with nothing to move.)

CREATE TRIGGER query_answers_no_update
	BEFORE UPDATE ON query_answers FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('query_answers is append-only: UPDATE refused (give a new answer instead)');
--> statement-breakpoint
CREATE TRIGGER query_answers_no_delete
	BEFORE DELETE ON query_answers FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('query_answers is append-only: DELETE refused');
--> statement-breakpoint
CREATE TRIGGER monitor_queries_answer_kept
	BEFORE UPDATE ON monitor_queries FOR EACH ROW
	WHEN (NEW.answer IS DISTINCT FROM OLD.answer OR NEW.answered_by IS DISTINCT FROM OLD.answered_by OR NEW.answered_at IS DISTINCT FROM OLD.answered_at)
	EXECUTE FUNCTION tandem_refuse('a query''s answers are append-only (query_answers): UPDATE of the answer refused');
--> statement-breakpoint
CREATE TRIGGER query_answers_no_insert_after_lock
	BEFORE INSERT ON query_answers FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'query_id', 'new', 'the study is locked: a query can no longer change');
--> statement-breakpoint
CREATE TRIGGER query_answers_no_truncate
	BEFORE TRUNCATE ON query_answers FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('query_answers is append-only: TRUNCATE refused');
