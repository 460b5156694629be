CREATE TABLE `query_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`query_id` integer NOT NULL,
	`answer` text NOT NULL,
	`answered_by` integer,
	`answered_by_label` text NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`query_id`) REFERENCES `monitor_queries`(`id`) ON UPDATE restrict ON DELETE restrict,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE restrict ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `query_answers_query_idx` ON `query_answers` (`query_id`);