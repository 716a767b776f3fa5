CREATE TABLE `answers` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`choice` integer NOT NULL,
	`seq` integer NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `attempt_items` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_version_id` integer NOT NULL,
	`option_order` text NOT NULL,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_version_id`) REFERENCES `question_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`attempt_no` integer NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`question_count` integer NOT NULL,
	`submitted_at` integer,
	`end_reason` text,
	`prediction` integer,
	`score` integer,
	`correct_count` integer,
	`duration_ms` integer,
	`scored_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_round_user_no_uq` ON `attempts` (`round_id`,`user_id`,`attempt_no`);--> statement-breakpoint
CREATE INDEX `attempts_user_idx` ON `attempts` (`user_id`,`round_id`);--> statement-breakpoint
CREATE INDEX `attempts_open_idx` ON `attempts` (`deadline_at`) WHERE submitted_at IS NULL;--> statement-breakpoint
CREATE INDEX `attempts_unscored_idx` ON `attempts` (`submitted_at`) WHERE submitted_at IS NOT NULL AND scored_at IS NULL;--> statement-breakpoint
CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`rules_md` text DEFAULT '' NOT NULL,
	`organizer_unit_id` integer,
	`participation_scope` text DEFAULT 'contest' NOT NULL,
	`created_at` integer NOT NULL,
	`parts` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`organizer_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contests_slug_uq` ON `contests` (`slug`);--> statement-breakpoint
CREATE TABLE `question_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_categories_slug_uq` ON `question_categories` (`slug`);--> statement-breakpoint
CREATE TABLE `question_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`version` integer NOT NULL,
	`stem` text NOT NULL,
	`stem_folded` text NOT NULL,
	`options` text NOT NULL,
	`answer_index` integer NOT NULL,
	`pin_options` integer DEFAULT false NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`legal_basis` text DEFAULT '' NOT NULL,
	`as_of` text,
	`difficulty` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_versions_uq` ON `question_versions` (`question_id`,`version`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`category_id` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`current_version_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `question_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_external_uq` ON `questions` (`external_id`);--> statement-breakpoint
CREATE INDEX `questions_category_idx` ON `questions` (`category_id`,`status`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_grants_uq` ON `role_grants` (`user_id`,`role`,`unit_id`);--> statement-breakpoint
CREATE TABLE `round_results` (
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`attempt_id` integer NOT NULL,
	`score` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	`prediction` integer,
	PRIMARY KEY(`round_id`, `user_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `round_results_rank_idx` ON `round_results` (`round_id`,`score`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`part` integer DEFAULT 1 NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`question_count` integer DEFAULT 0 NOT NULL,
	`time_limit_s` integer DEFAULT 0 NOT NULL,
	`attempts_allowed` integer DEFAULT 1 NOT NULL,
	`shuffle_questions` integer DEFAULT true NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`review_policy` text DEFAULT 'after_close' NOT NULL,
	`draw_rules` text DEFAULT '[]' NOT NULL,
	`prediction_prompt` text,
	`prediction_actual` integer,
	`prediction_target` text DEFAULT 'participants' NOT NULL,
	`week_no` integer,
	`prize_table` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rounds_contest_idx` ON `rounds` (`contest_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`headcount` integer DEFAULT 0 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_uq` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`birth_date` text,
	`phone` text NOT NULL,
	`email` text,
	`cccd` text,
	`unit_id` integer,
	`position` text,
	`password_hash` text NOT NULL,
	`consent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_uq` ON `users` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_cccd_uq` ON `users` (`cccd`) WHERE cccd IS NOT NULL;--> statement-breakpoint
CREATE INDEX `users_unit_idx` ON `users` (`unit_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `background_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`input` text,
	`result` text,
	`error` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `background_tasks_owner_idx` ON `background_tasks` (`created_by`,`created_at`);--> statement-breakpoint
CREATE TABLE `contest_participation_settings` (
	`contest_id` integer PRIMARY KEY NOT NULL,
	`public_rates` integer DEFAULT false NOT NULL,
	`thresholds` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `participation_snapshots` (
	`contest_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`day` text NOT NULL,
	`participants` integer NOT NULL,
	`denominator` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `round_id`, `unit_id`, `day`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `participation_stats` (
	`contest_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`basis` text NOT NULL,
	`own_participants` integer NOT NULL,
	`own_denominator` integer NOT NULL,
	`own_score_sum` real DEFAULT 0 NOT NULL,
	`own_score_n` integer DEFAULT 0 NOT NULL,
	`participants` integer NOT NULL,
	`denominator` integer NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`score_n` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `round_id`, `unit_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`name_folded` text NOT NULL,
	`birth_date` text,
	`phone` text,
	`cccd` text,
	`position` text,
	`user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `roster_entries_unit_idx` ON `roster_entries` (`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `roster_entries_user_uq` ON `roster_entries` (`user_id`) WHERE user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `roster_entries_phone_idx` ON `roster_entries` (`phone`);--> statement-breakpoint
CREATE INDEX `roster_entries_cccd_idx` ON `roster_entries` (`cccd`);--> statement-breakpoint
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
CREATE INDEX `initiative_votes_user_idx` ON `initiative_votes` (`round_id`,`user_id`);--> statement-breakpoint
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
CREATE INDEX `ranking_exclusions_user_idx` ON `ranking_exclusions` (`user_id`);