ALTER TABLE `reads` ADD `corrected_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reads` ADD `corrected_by_role` text;--> statement-breakpoint
CREATE UNIQUE INDEX `reads_one_original_per_assignment_uq` ON `reads` (`assignment_id`) WHERE "reads"."supersedes_read_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `reads_superseded_once_uq` ON `reads` (`supersedes_read_id`) WHERE "reads"."supersedes_read_id" IS NOT NULL;