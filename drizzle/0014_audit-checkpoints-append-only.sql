-- Custom migration (drizzle-kit generate --custom): signed checkpoints of the audit chain are
-- append-only, as the trail itself (0001): the database refuses to change or remove one.
CREATE TRIGGER `audit_checkpoints_no_update` BEFORE UPDATE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_delete` BEFORE DELETE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE refused');
END;
