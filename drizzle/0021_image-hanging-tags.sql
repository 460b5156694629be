ALTER TABLE `images` ADD `modality` text;--> statement-breakpoint
ALTER TABLE `images` ADD `laterality` text;--> statement-breakpoint
ALTER TABLE `images` ADD `view_position` text;--> statement-breakpoint
ALTER TABLE `images` ADD `series_description` text;--> statement-breakpoint
ALTER TABLE `images` ADD `series_number` integer;--> statement-breakpoint
ALTER TABLE `images` ADD `patient_orientation` text;--> statement-breakpoint
ALTER TABLE `images` ADD `study_instance_uid` text;--> statement-breakpoint
ALTER TABLE `images` ADD `study_date_time` text;