CREATE TABLE `roster_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`via` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `roster_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_claims_user_uq` ON `roster_claims` (`user_id`);--> statement-breakpoint
CREATE INDEX `roster_claims_entry_idx` ON `roster_claims` (`entry_id`);--> statement-breakpoint
CREATE TABLE `unit_change_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`from_unit_id` integer,
	`to_unit_id` integer NOT NULL,
	`reason` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_change_requests_status_idx` ON `unit_change_requests` (`status`,`to_unit_id`);--> statement-breakpoint
ALTER TABLE `contests` ADD `organizer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `notice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `question_versions` ADD `search_folded` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `owner_unit_id` integer REFERENCES units(id);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_unit_id`,`status`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `rank_publication` text DEFAULT 'after_close' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_used_at` integer;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_may_vote` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_ranked` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_may_take_part` integer DEFAULT true NOT NULL;