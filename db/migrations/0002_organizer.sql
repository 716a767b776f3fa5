CREATE TABLE `ranking_exclusions` (
	`contest_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `user_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ranking_exclusions_user_idx` ON `ranking_exclusions` (`user_id`);--> statement-breakpoint
ALTER TABLE `contests` ADD `parts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `prediction_target` text DEFAULT 'participants' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `week_no` integer;