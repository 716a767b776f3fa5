CREATE TABLE `ir_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`since` text NOT NULL,
	`effect` text NOT NULL,
	`certificate_name` text,
	`certificate_type` text,
	`certificate` blob,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `ir_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ir_applications_uq` ON `ir_applications` (`request_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `ir_authors` (
	`request_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`user_id` integer,
	`full_name` text NOT NULL,
	`unit_id` integer,
	`position` text,
	`share` integer NOT NULL,
	PRIMARY KEY(`request_id`, `seq`),
	FOREIGN KEY (`request_id`) REFERENCES `ir_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ir_authors_user_idx` ON `ir_authors` (`user_id`);--> statement-breakpoint
CREATE TABLE `ir_council_members` (
	`council_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	PRIMARY KEY(`council_id`, `user_id`),
	FOREIGN KEY (`council_id`) REFERENCES `ir_councils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ir_council_members_user_idx` ON `ir_council_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `ir_councils` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`criteria` text NOT NULL,
	`pass_mark` real NOT NULL,
	`secretary_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`secretary_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ir_councils_unit_idx` ON `ir_councils` (`unit_id`);--> statement-breakpoint
CREATE TABLE `ir_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` integer,
	`unit_id` integer NOT NULL,
	`council_id` integer,
	`title` text NOT NULL,
	`field` text NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`novelty` text DEFAULT '' NOT NULL,
	`how_applied` text DEFAULT '' NOT NULL,
	`applied_since` text,
	`benefit` text DEFAULT '' NOT NULL,
	`claimed_scope` text DEFAULT 'co_so' NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`video_url` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`state_reason` text,
	`year` integer NOT NULL,
	`contest_entry_id` integer,
	`public_opt_in` integer DEFAULT false NOT NULL,
	`decision_number` text,
	`decision_date` text,
	`decided_scope` text,
	`mean_score` real,
	`imported_from` text,
	`search_folded` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`decided_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`council_id`) REFERENCES `ir_councils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contest_entry_id`) REFERENCES `initiative_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ir_requests_unit_year_idx` ON `ir_requests` (`unit_id`,`year`);--> statement-breakpoint
CREATE INDEX `ir_requests_owner_idx` ON `ir_requests` (`owner_id`);--> statement-breakpoint
CREATE INDEX `ir_requests_council_idx` ON `ir_requests` (`council_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `ir_requests_entry_uq` ON `ir_requests` (`contest_entry_id`);--> statement-breakpoint
CREATE TABLE `ir_sheets` (
	`request_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`scores` text NOT NULL,
	`total` real NOT NULL,
	`comment` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `member_id`),
	FOREIGN KEY (`request_id`) REFERENCES `ir_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
