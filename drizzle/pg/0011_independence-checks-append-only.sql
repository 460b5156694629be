-- The PostgreSQL twin of drizzle/0028_independence-checks-append-only.sql (drizzle-kit generate --custom):
-- a stored independence check is the record of what the test set was compared with, and when:
-- never changed nor removed (a new check is a new row).

CREATE TRIGGER independence_checks_no_update
	BEFORE UPDATE ON independence_checks FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('independence checks are append-only');
--> statement-breakpoint
CREATE TRIGGER independence_checks_no_delete
	BEFORE DELETE ON independence_checks FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('independence checks are append-only');
--> statement-breakpoint
CREATE TRIGGER independence_checks_no_truncate
	BEFORE TRUNCATE ON independence_checks FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('independence checks are append-only');
