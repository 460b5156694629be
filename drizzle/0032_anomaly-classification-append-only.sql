-- Custom migration (drizzle-kit generate --custom): an anomaly's classification is a record of the
-- evaluator's judgement: never changed nor removed (a new judgement is a new row).
CREATE TRIGGER `anomaly_classifications_no_update` BEFORE UPDATE ON `anomaly_classifications`
BEGIN
	SELECT RAISE(ABORT, 'anomaly classifications are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `anomaly_classifications_no_delete` BEFORE DELETE ON `anomaly_classifications`
BEGIN
	SELECT RAISE(ABORT, 'anomaly classifications are append-only');
END;
