CREATE TABLE `independence_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`dataset_version_id` integer,
	`dataset_fingerprint` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`manifest_rows` integer NOT NULL,
	`exchange_key_id` text NOT NULL,
	`result_json` text NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`dataset_version_id`) REFERENCES `dataset_versions`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `independence_checks_study_idx` ON `independence_checks` (`study_id`);