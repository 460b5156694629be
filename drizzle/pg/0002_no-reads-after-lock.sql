-- The PostgreSQL twin of drizzle/0007_no-reads-after-lock.sql (drizzle-kit generate --custom):
-- once a study is locked, the database itself refuses any new read in it, whatever the caller.

CREATE TRIGGER reads_no_insert_after_lock
	BEFORE INSERT ON reads FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse_in_study('locked', 'assignment_id', 'new', 'the study is locked: no read can be added');
