-- The PostgreSQL twin of drizzle/0001_immutable-audit-and-reads.sql (drizzle-kit generate --custom):
-- the audit trail is append-only (SEC-2) and a submitted read is immutable (READ-4): the database
-- itself refuses to change or remove either, whatever the caller. Also the trigger functions the
-- guards of this and later migrations share. Each trigger raises the message of its SQLite twin's
-- RAISE(ABORT, …), with SQLSTATE 23000 (integrity constraint violation: SQLite reports a trigger's
-- refusal as a constraint failure). TRUNCATE, which SQLite lacks and which skips row triggers, is
-- refused on the append-only tables too.

-- tandem_refuse(message): refuses the row (or the TRUNCATE) with the message.
CREATE FUNCTION tandem_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
-- The study a row (as JSON) belongs to, through the named column: the study itself (id), its
-- study_id, or its case, reading session, assignment or monitoring query.
CREATE FUNCTION tandem_study_of(via text, item jsonb) RETURNS integer LANGUAGE plpgsql STABLE AS $$
DECLARE
	key integer := (item ->> via)::integer;
BEGIN
	CASE via
		WHEN 'id', 'study_id' THEN RETURN key;
		WHEN 'case_id' THEN RETURN (SELECT c.study_id FROM cases c WHERE c.id = key);
		WHEN 'session_id' THEN RETURN (SELECT s.study_id FROM reading_sessions s WHERE s.id = key);
		WHEN 'assignment_id' THEN
			RETURN (SELECT s.study_id FROM assignments a JOIN reading_sessions s ON s.id = a.session_id WHERE a.id = key);
		WHEN 'query_id' THEN RETURN (SELECT q.study_id FROM monitor_queries q WHERE q.id = key);
		ELSE RAISE EXCEPTION 'tandem_study_of: no way to a study through %', via;
	END CASE;
END;
$$;
--> statement-breakpoint
-- tandem_refuse_in_study(state, via, rows, message): refuses the row with the message when the
-- study of the checked row(s) is in the state: 'locked' (it has a study_locks row) or 'frozen' (a
-- dataset version not reopened). via: the column leading to the study (tandem_study_of); rows: the
-- row checked, 'new', 'old' or 'old-or-new' (as the SQLite trigger's NEW./OLD. references).
CREATE FUNCTION tandem_refuse_in_study() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	state text := TG_ARGV[0];
	checked text;
	study integer;
BEGIN
	IF state NOT IN ('locked', 'frozen') THEN
		RAISE EXCEPTION 'tandem_refuse_in_study: unknown state %', state;
	END IF;
	FOREACH checked IN ARRAY string_to_array(TG_ARGV[2], '-or-') LOOP
		IF checked NOT IN ('old', 'new') THEN
			RAISE EXCEPTION 'tandem_refuse_in_study: unknown row %', checked;
		END IF;
		study := tandem_study_of(TG_ARGV[1], CASE checked WHEN 'new' THEN to_jsonb(NEW) ELSE to_jsonb(OLD) END);
		IF (state = 'locked' AND EXISTS (SELECT 1 FROM study_locks l WHERE l.study_id = study))
			OR (state = 'frozen' AND EXISTS (
				SELECT 1 FROM dataset_versions v WHERE v.study_id = study AND v.reopened_at IS NULL
			)) THEN
			RAISE EXCEPTION USING MESSAGE = TG_ARGV[3], ERRCODE = 'integrity_constraint_violation';
		END IF;
	END LOOP;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update
	BEFORE UPDATE ON audit_events FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('audit_events is append-only: UPDATE refused');
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete
	BEFORE DELETE ON audit_events FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('audit_events is append-only: DELETE refused');
--> statement-breakpoint
CREATE TRIGGER reads_no_update
	BEFORE UPDATE ON reads FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('a submitted read is immutable: UPDATE refused (record a correction instead)');
--> statement-breakpoint
CREATE TRIGGER reads_no_delete
	BEFORE DELETE ON reads FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('a submitted read is immutable: DELETE refused');
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
	BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('audit_events is append-only: TRUNCATE refused');
--> statement-breakpoint
CREATE TRIGGER reads_no_truncate
	BEFORE TRUNCATE ON reads FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('a submitted read is immutable: TRUNCATE refused');
