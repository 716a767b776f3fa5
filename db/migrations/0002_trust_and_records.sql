ALTER TABLE `contests` ADD `organizer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `notice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `question_versions` ADD `search_folded` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `owner_unit_id` integer REFERENCES units(id);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_unit_id`,`status`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `rank_publication` text DEFAULT 'after_close' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_used_at` integer;