ALTER TABLE `study_locks` ADD `fingerprint_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `study_locks` ADD `seal_json` text;