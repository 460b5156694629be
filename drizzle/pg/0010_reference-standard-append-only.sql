-- The PostgreSQL twin of drizzle/0026_reference-standard-append-only.sql (drizzle-kit generate --custom):
-- submitted annotations, truth decisions, QC checks and QC overrides are records of who decided
-- what: never changed nor removed.

CREATE TRIGGER annotations_no_update
	BEFORE UPDATE ON annotations FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('annotations are append-only');
--> statement-breakpoint
CREATE TRIGGER annotations_no_delete
	BEFORE DELETE ON annotations FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('annotations are append-only');
--> statement-breakpoint
CREATE TRIGGER truth_decisions_no_update
	BEFORE UPDATE ON truth_decisions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('truth decisions are append-only');
--> statement-breakpoint
CREATE TRIGGER truth_decisions_no_delete
	BEFORE DELETE ON truth_decisions FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('truth decisions are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_checks_no_update
	BEFORE UPDATE ON qc_checks FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('qc checks are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_checks_no_delete
	BEFORE DELETE ON qc_checks FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('qc checks are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_overrides_no_update
	BEFORE UPDATE ON qc_overrides FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('qc overrides are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_overrides_no_delete
	BEFORE DELETE ON qc_overrides FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('qc overrides are append-only');
--> statement-breakpoint
CREATE TRIGGER annotations_no_truncate
	BEFORE TRUNCATE ON annotations FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('annotations are append-only');
--> statement-breakpoint
CREATE TRIGGER truth_decisions_no_truncate
	BEFORE TRUNCATE ON truth_decisions FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('truth decisions are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_checks_no_truncate
	BEFORE TRUNCATE ON qc_checks FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('qc checks are append-only');
--> statement-breakpoint
CREATE TRIGGER qc_overrides_no_truncate
	BEFORE TRUNCATE ON qc_overrides FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('qc overrides are append-only');
