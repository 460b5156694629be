CREATE TABLE `anomaly_classifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`ai_result_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`cause` text NOT NULL,
	`note` text NOT NULL,
	`classified_by` text NOT NULL,
	`classified_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`ai_result_id`) REFERENCES `ai_results`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `anomaly_classifications_study_idx` ON `anomaly_classifications` (`study_id`);