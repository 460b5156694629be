ALTER TABLE `ai_results` ADD `preprocess_ms` real;--> statement-breakpoint
ALTER TABLE `ai_results` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `ai_results` ADD `started_at` integer;