-- Custom migration (drizzle-kit generate --custom): submitted annotations, truth decisions, QC
-- checks and QC overrides are records of who decided what: never changed nor removed.
CREATE TRIGGER `annotations_no_update` BEFORE UPDATE ON `annotations`
BEGIN
	SELECT RAISE(ABORT, 'annotations are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_no_delete` BEFORE DELETE ON `annotations`
BEGIN
	SELECT RAISE(ABORT, 'annotations are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_decisions_no_update` BEFORE UPDATE ON `truth_decisions`
BEGIN
	SELECT RAISE(ABORT, 'truth decisions are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `truth_decisions_no_delete` BEFORE DELETE ON `truth_decisions`
BEGIN
	SELECT RAISE(ABORT, 'truth decisions are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_checks_no_update` BEFORE UPDATE ON `qc_checks`
BEGIN
	SELECT RAISE(ABORT, 'qc checks are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_checks_no_delete` BEFORE DELETE ON `qc_checks`
BEGIN
	SELECT RAISE(ABORT, 'qc checks are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_overrides_no_update` BEFORE UPDATE ON `qc_overrides`
BEGIN
	SELECT RAISE(ABORT, 'qc overrides are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `qc_overrides_no_delete` BEFORE DELETE ON `qc_overrides`
BEGIN
	SELECT RAISE(ABORT, 'qc overrides are append-only');
END;
