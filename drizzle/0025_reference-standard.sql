CREATE TABLE `adjudication_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`reasons_json` text NOT NULL,
	`queued_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adjudication_cases_case_id_unique` ON `adjudication_cases` (`case_id`);--> statement-breakpoint
CREATE INDEX `adjudication_cases_study_idx` ON `adjudication_cases` (`study_id`);--> statement-breakpoint
CREATE TABLE `annotation_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`state_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `annotation_tasks`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annotation_drafts_task_id_unique` ON `annotation_drafts` (`task_id`);--> statement-breakpoint
CREATE TABLE `annotation_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`membership_id` integer NOT NULL,
	`position` integer NOT NULL,
	`seed` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annotation_tasks_case_member_uq` ON `annotation_tasks` (`case_id`,`membership_id`);--> statement-breakpoint
CREATE INDEX `annotation_tasks_member_idx` ON `annotation_tasks` (`membership_id`);--> statement-breakpoint
CREATE INDEX `annotation_tasks_study_idx` ON `annotation_tasks` (`study_id`);--> statement-breakpoint
CREATE TABLE `annotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`client_id` text NOT NULL,
	`classification` integer NOT NULL,
	`lesions_json` text NOT NULL,
	`note` text,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `annotation_tasks`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annotations_task_id_unique` ON `annotations` (`task_id`);--> statement-breakpoint
CREATE TABLE `member_qualifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`membership_id` integer NOT NULL,
	`years_experience` integer NOT NULL,
	`specialty` text,
	`licence` text,
	`training_completed_at` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_qualifications_membership_id_unique` ON `member_qualifications` (`membership_id`);--> statement-breakpoint
CREATE TABLE `qc_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`membership_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`decision_json` text,
	`note` text,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qc_checks_case_id_unique` ON `qc_checks` (`case_id`);--> statement-breakpoint
CREATE TABLE `qc_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`reason` text NOT NULL,
	`overridden_by` text NOT NULL,
	`record_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `qc_overrides_study_idx` ON `qc_overrides` (`study_id`);--> statement-breakpoint
CREATE TABLE `qc_sample_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`seed` text NOT NULL,
	`drawn_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qc_sample_cases_case_id_unique` ON `qc_sample_cases` (`case_id`);--> statement-breakpoint
CREATE INDEX `qc_sample_cases_study_idx` ON `qc_sample_cases` (`study_id`);--> statement-breakpoint
CREATE TABLE `truth_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`membership_id` integer,
	`classification` integer NOT NULL,
	`lesions_json` text NOT NULL,
	`reason` text,
	`client_id` text,
	`applied` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `truth_decisions_case_idx` ON `truth_decisions` (`case_id`);--> statement-breakpoint
ALTER TABLE `reference_truth` ADD `origin` text DEFAULT 'imported' NOT NULL;