CREATE TABLE `blind_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`manifest_sha256` text NOT NULL,
	`code_key_json` text NOT NULL,
	`results_sha256` text,
	`results_registered_at` integer,
	`key_released_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `study_locks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`reason` text NOT NULL,
	`locked_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_locks_study_id_unique` ON `study_locks` (`study_id`);