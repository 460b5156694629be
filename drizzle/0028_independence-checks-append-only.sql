-- Custom migration (drizzle-kit generate --custom): a stored independence check is the record of
-- what the test set was compared with, and when: never changed nor removed (a new check is a new row).
CREATE TRIGGER `independence_checks_no_update` BEFORE UPDATE ON `independence_checks`
BEGIN
	SELECT RAISE(ABORT, 'independence checks are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `independence_checks_no_delete` BEFORE DELETE ON `independence_checks`
BEGIN
	SELECT RAISE(ABORT, 'independence checks are append-only');
END;
