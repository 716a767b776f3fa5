CREATE TABLE `initiative_archive` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`unit` text NOT NULL,
	`province` text NOT NULL,
	`year` integer,
	`summary` text NOT NULL,
	`source_url` text NOT NULL,
	`search_folded` text NOT NULL,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_archive_uq` ON `initiative_archive` (`source_url`,`title`);--> statement-breakpoint
CREATE TABLE `initiative_comments` (
	`entry_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`comment` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `judge_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `initiative_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `initiative_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`name` text NOT NULL,
	`weight` real NOT NULL,
	`max_score` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_criteria_round_idx` ON `initiative_criteria` (`round_id`);--> statement-breakpoint
CREATE TABLE `initiative_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`entrant_kind` text NOT NULL,
	`unit_id` integer NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`title` text NOT NULL,
	`theme` text NOT NULL,
	`summary` text NOT NULL,
	`novelty` text NOT NULL,
	`applied_at` text NOT NULL,
	`video_url` text NOT NULL,
	`video_provider` text NOT NULL,
	`video_id` text,
	`video_key` text NOT NULL,
	`embed_url` text,
	`duration_s` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`status_reason` text,
	`published_at` integer,
	`search_folded` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_entries_round_idx` ON `initiative_entries` (`round_id`,`status`);--> statement-breakpoint
CREATE INDEX `initiative_entries_owner_idx` ON `initiative_entries` (`owner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_entries_video_uq` ON `initiative_entries` (`round_id`,`video_key`);--> statement-breakpoint
CREATE TABLE `initiative_judges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`theme` text,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_judges_uq` ON `initiative_judges` (`round_id`,`user_id`,`theme`);--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_judges_all_uq` ON `initiative_judges` (`round_id`,`user_id`) WHERE theme IS NULL;--> statement-breakpoint
CREATE TABLE `initiative_recusals` (
	`entry_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `judge_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `initiative_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `initiative_scores` (
	`entry_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`score` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `judge_id`, `criterion_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `initiative_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`judge_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `initiative_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_scores_judge_idx` ON `initiative_scores` (`judge_id`);--> statement-breakpoint
CREATE TABLE `initiative_settings` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`blind_review` integer DEFAULT false NOT NULL,
	`z_score` integer DEFAULT false NOT NULL,
	`vote_weight` integer DEFAULT 0 NOT NULL,
	`vote_cap` integer DEFAULT 3 NOT NULL,
	`allowed_providers` text,
	`gov_suffixes` text,
	`results_published` integer DEFAULT false NOT NULL,
	`prize_table` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `initiative_votes` (
	`entry_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `user_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `initiative_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiative_votes_user_idx` ON `initiative_votes` (`round_id`,`user_id`);