-- The PostgreSQL twin of drizzle/0016_read-correction-rules.sql (drizzle-kit generate --custom):
-- read corrections (READ-4) as database rules. With the partial unique indexes of 0000 (one
-- original read per assignment, each read superseded at most once), these make the versions of a
-- read one chain with one current read: a correction supersedes a read of its own assignment, and a
-- correction, and only a correction, carries its reason and who filed it.

-- SQLite's WHEN looks into reads; a PostgreSQL trigger's WHEN cannot, so the function does.
CREATE FUNCTION tandem_refuse_correction_elsewhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NOT EXISTS (
		SELECT 1 FROM reads r WHERE r.id = NEW.supersedes_read_id AND r.assignment_id = NEW.assignment_id
	) THEN
		RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reads_correction_same_assignment
	BEFORE INSERT ON reads FOR EACH ROW
	WHEN (NEW.supersedes_read_id IS NOT NULL)
	EXECUTE FUNCTION tandem_refuse_correction_elsewhere('a correction must supersede a read of the same assignment');
--> statement-breakpoint
CREATE TRIGGER reads_correction_complete
	BEFORE INSERT ON reads FOR EACH ROW
	WHEN ((NEW.supersedes_read_id IS NULL AND (NEW.correction_reason IS NOT NULL OR NEW.corrected_by IS NOT NULL OR NEW.corrected_by_role IS NOT NULL)) OR (NEW.supersedes_read_id IS NOT NULL AND (NEW.correction_reason IS NULL OR trim(NEW.correction_reason) = '' OR NEW.corrected_by IS NULL OR NEW.corrected_by_role IS NULL OR NEW.corrected_by_role NOT IN ('reader', 'coordinator'))))
	EXECUTE FUNCTION tandem_refuse('a correction, and only a correction, carries a reason and who filed it');
