-- The PostgreSQL twin of drizzle/0018_signatures-append-only.sql (drizzle-kit generate --custom):
-- an electronic signature is never changed or removed (21 CFR 11.70: it stays linked to its
-- record), and it always carries a SHA-256 (SQLite's GLOB '*[^0-9a-f]*' is the regular expression
-- '[^0-9a-f]' here).

CREATE TRIGGER signatures_no_update
	BEFORE UPDATE ON signatures FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('signatures are append-only: UPDATE refused');
--> statement-breakpoint
CREATE TRIGGER signatures_no_delete
	BEFORE DELETE ON signatures FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('signatures are append-only: DELETE refused');
--> statement-breakpoint
CREATE TRIGGER signatures_record_hash
	BEFORE INSERT ON signatures FOR EACH ROW
	WHEN (length(NEW.record_hash) <> 64 OR NEW.record_hash ~ '[^0-9a-f]')
	EXECUTE FUNCTION tandem_refuse('a signature needs the SHA-256 (64 lower-case hex digits) of the signed record');
--> statement-breakpoint
CREATE TRIGGER signatures_no_truncate
	BEFORE TRUNCATE ON signatures FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('signatures are append-only: TRUNCATE refused');
