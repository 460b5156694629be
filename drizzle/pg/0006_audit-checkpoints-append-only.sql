-- The PostgreSQL twin of drizzle/0014_audit-checkpoints-append-only.sql (drizzle-kit generate --custom):
-- signed checkpoints of the audit chain are append-only, as the trail itself (0001).

CREATE TRIGGER audit_checkpoints_no_update
	BEFORE UPDATE ON audit_checkpoints FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('audit_checkpoints is append-only: UPDATE refused');
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_delete
	BEFORE DELETE ON audit_checkpoints FOR EACH ROW
	EXECUTE FUNCTION tandem_refuse('audit_checkpoints is append-only: DELETE refused');
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate
	BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT
	EXECUTE FUNCTION tandem_refuse('audit_checkpoints is append-only: TRUNCATE refused');
