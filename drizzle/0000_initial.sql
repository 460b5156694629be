CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_key` text NOT NULL,
	`ordinal` integer NOT NULL,
	`site_id` integer,
	`strata_json` text NOT NULL,
	`image_folder` text NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_study_key_uq` ON `cases` (`study_id`,`case_key`);--> statement-breakpoint
CREATE INDEX `cases_study_idx` ON `cases` (`study_id`);--> statement-breakpoint
CREATE TABLE `images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `images_case_ordinal_uq` ON `images` (`case_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `protocol_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`protocol_version` text NOT NULL,
	`sha256` text NOT NULL,
	`files_json` text NOT NULL,
	`protocol_json` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `protocol_versions_study_revision_uq` ON `protocol_versions` (`study_id`,`revision`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`expected_readers` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_study_code_uq` ON `sites` (`study_id`,`code`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`design` text NOT NULL,
	`protocol_version` text NOT NULL,
	`protocol_sha256` text NOT NULL,
	`protocol_json` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`randomization_seed` text NOT NULL,
	`source_dir` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studies_slug_unique` ON `studies` (`slug`);--> statement-breakpoint
CREATE TABLE `reference_truth` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`truth` integer NOT NULL,
	`details_json` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reference_truth_case_id_unique` ON `reference_truth` (`case_id`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`email` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`study_id` integer NOT NULL,
	`role` text NOT NULL,
	`site_id` integer,
	`created_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_study_role_uq` ON `memberships` (`user_id`,`study_id`,`role`);--> statement-breakpoint
CREATE INDEX `memberships_study_idx` ON `memberships` (`study_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`arm` text NOT NULL,
	`position` integer NOT NULL,
	`public_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `reading_sessions`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_public_id_unique` ON `assignments` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_session_position_uq` ON `assignments` (`session_id`,`position`);--> statement-breakpoint
CREATE INDEX `assignments_case_idx` ON `assignments` (`case_id`);--> statement-breakpoint
CREATE TABLE `reading_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`membership_id` integer NOT NULL,
	`period` integer NOT NULL,
	`session_index` integer NOT NULL,
	`status` text NOT NULL,
	`opens_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reading_sessions_member_period_idx_uq` ON `reading_sessions` (`membership_id`,`period`,`session_index`);--> statement-breakpoint
CREATE TABLE `reads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`decision` integer,
	`confidence` integer,
	`marks_json` text DEFAULT '[]' NOT NULL,
	`comment` text,
	`reading_time_ms` integer,
	`paused_ms` integer,
	`client_events_json` text DEFAULT '[]' NOT NULL,
	`served_at` integer,
	`submitted_at` integer NOT NULL,
	`supersedes_read_id` integer,
	`correction_reason` text,
	`is_simulated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`supersedes_read_id`) REFERENCES `reads`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reads_client_id_unique` ON `reads` (`client_id`);--> statement-breakpoint
CREATE INDEX `reads_assignment_idx` ON `reads` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `ai_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`version` text NOT NULL,
	`sha256` text NOT NULL,
	`manifest_json` text NOT NULL,
	`path` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_models_name_version_uq` ON `ai_models` (`name`,`version`);--> statement-breakpoint
CREATE TABLE `ai_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`score` real,
	`output_json` text,
	`input_sha256` text,
	`output_sha256` text,
	`latency_ms` real,
	`memory_peak_bytes` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`model_id`) REFERENCES `ai_models`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_results_model_case_uq` ON `ai_results` (`model_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`study_id` integer,
	`before_json` text,
	`after_json` text,
	`reason` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_study_idx` ON `audit_events` (`study_id`);--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);