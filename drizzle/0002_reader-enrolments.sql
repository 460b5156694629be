CREATE TABLE `reader_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`membership_id` integer NOT NULL,
	`enrolment_index` integer NOT NULL,
	`reader_code` text NOT NULL,
	`sequence` text NOT NULL,
	`group_label` text,
	`seed` text NOT NULL,
	`algorithm` text NOT NULL,
	`years_experience` integer,
	`specialty` text,
	`training_completed_at` text,
	`created_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawal_reason` text,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reader_enrolments_membership_id_unique` ON `reader_enrolments` (`membership_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reader_enrolments_study_index_uq` ON `reader_enrolments` (`study_id`,`enrolment_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `reader_enrolments_study_code_uq` ON `reader_enrolments` (`study_id`,`reader_code`);