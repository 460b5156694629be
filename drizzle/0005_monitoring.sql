CREATE TABLE `monitor_queries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`question` text NOT NULL,
	`raised_by` integer NOT NULL,
	`status` text NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `monitor_queries_study_idx` ON `monitor_queries` (`study_id`,`status`);--> statement-breakpoint
ALTER TABLE `studies` ADD `unblinded_at` integer;