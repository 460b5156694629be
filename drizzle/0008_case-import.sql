CREATE TABLE `burned_in_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`instance_id` integer NOT NULL,
	`reasons_json` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` integer,
	`decided_by_label` text,
	`note` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`instance_id`) REFERENCES `imported_instances`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `burned_in_reviews_instance_id_unique` ON `burned_in_reviews` (`instance_id`);--> statement-breakpoint
CREATE INDEX `burned_in_reviews_study_idx` ON `burned_in_reviews` (`study_id`,`status`);--> statement-breakpoint
CREATE TABLE `dataset_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`version` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`cases` integer NOT NULL,
	`images` integer NOT NULL,
	`accepted_json` text DEFAULT '[]' NOT NULL,
	`reason` text,
	`frozen_by` text NOT NULL,
	`frozen_at` integer NOT NULL,
	`reopened_at` integer,
	`reopened_by` text,
	`reopen_reason` text,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dataset_versions_study_version_uq` ON `dataset_versions` (`study_id`,`version`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`source_kind` text NOT NULL,
	`source` text NOT NULL,
	`match_key` text NOT NULL,
	`mapping_sha256` text,
	`deid_key_id` text NOT NULL,
	`status` text NOT NULL,
	`files_found` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`already_imported` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `import_runs_study_idx` ON `import_runs` (`study_id`);--> statement-breakpoint
CREATE TABLE `imported_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`sop_instance_uid` text NOT NULL,
	`study_instance_uid` text NOT NULL,
	`series_instance_uid` text NOT NULL,
	`sop_class_uid` text NOT NULL,
	`modality` text,
	`series_number` integer,
	`instance_number` integer,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`transfer_syntax_uid` text NOT NULL,
	`lossy` text,
	`missing_tags_json` text DEFAULT '[]' NOT NULL,
	`header_json` text DEFAULT '{}' NOT NULL,
	`deid_log_json` text NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imported_instances_study_sop_uq` ON `imported_instances` (`study_id`,`sop_instance_uid`);--> statement-breakpoint
CREATE INDEX `imported_instances_case_idx` ON `imported_instances` (`case_id`);