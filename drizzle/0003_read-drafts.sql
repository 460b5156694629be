CREATE TABLE `read_drafts` (
	`assignment_id` integer PRIMARY KEY NOT NULL,
	`state_json` text DEFAULT '{}' NOT NULL,
	`first_served_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE restrict ON DELETE restrict
);
