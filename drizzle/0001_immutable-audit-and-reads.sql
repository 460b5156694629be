-- Custom migration (drizzle-kit generate --custom): rules the schema DSL cannot express.
-- The audit trail is append-only (SEC-2) and a submitted read is immutable (READ-4):
-- the database itself refuses to change or remove either, whatever the caller.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `reads_no_update` BEFORE UPDATE ON `reads`
BEGIN
	SELECT RAISE(ABORT, 'a submitted read is immutable: UPDATE refused (record a correction instead)');
END;
--> statement-breakpoint
CREATE TRIGGER `reads_no_delete` BEFORE DELETE ON `reads`
BEGIN
	SELECT RAISE(ABORT, 'a submitted read is immutable: DELETE refused');
END;
