-- Custom migration (drizzle-kit generate --custom): an electronic signature is never changed or
-- removed (21 CFR 11.70: it stays linked to its record), and it always carries a SHA-256.
CREATE TRIGGER `signatures_no_update` BEFORE UPDATE ON `signatures`
BEGIN
	SELECT RAISE(ABORT, 'signatures are append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_no_delete` BEFORE DELETE ON `signatures`
BEGIN
	SELECT RAISE(ABORT, 'signatures are append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `signatures_record_hash` BEFORE INSERT ON `signatures`
WHEN length(NEW.record_hash) <> 64 OR NEW.record_hash GLOB '*[^0-9a-f]*'
BEGIN
	SELECT RAISE(ABORT, 'a signature needs the SHA-256 (64 lower-case hex digits) of the signed record');
END;
