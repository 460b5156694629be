CREATE TABLE `truth_lesions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`lesion_key` text NOT NULL,
	`ordinal` integer NOT NULL,
	`weight` real NOT NULL,
	`weight_given` integer NOT NULL,
	`attributes_json` text NOT NULL,
	`regions_json` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `truth_lesions_case_lesion_uq` ON `truth_lesions` (`case_id`,`lesion_key`);