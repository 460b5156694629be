-- The PostgreSQL twin of drizzle/0032_anomaly-classification-append-only.sql (drizzle-kit generate --custom):
-- an anomaly's classification is a record of the evaluator's judgement: never changed nor removed
-- (a new judgement is a new row).

CREATE TRIGGER anomaly_classifications_no_update
	BEFORE UPDATE ON anomaly_classifications FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('anomaly classifications are append-only');
--> statement-breakpoint
CREATE TRIGGER anomaly_classifications_no_delete
	BEFORE DELETE ON anomaly_classifications FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('anomaly classifications are append-only');
--> statement-breakpoint
CREATE TRIGGER anomaly_classifications_no_truncate
	BEFORE TRUNCATE ON anomaly_classifications FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('anomaly classifications are append-only');
