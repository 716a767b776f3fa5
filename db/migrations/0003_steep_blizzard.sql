CREATE TABLE `award_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`session_id` integer,
	`level_unit_id` integer NOT NULL,
	`number` text NOT NULL,
	`form_code` text NOT NULL,
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`signer_name` text NOT NULL,
	`signer_title` text NOT NULL,
	`issuing_body` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`registered_at` integer,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `council_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_decisions_number_uq` ON `award_decisions` (`level_unit_id`,`year`,`number`);--> statement-breakpoint
CREATE TABLE `award_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer,
	`decision_id` integer,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`registered_decision_id` integer,
	`superseded_by_id` integer,
	`supersede_reason` text,
	`uploaded_by` integer,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `award_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decision_id`) REFERENCES `award_decisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `award_documents_prop_idx` ON `award_documents` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `award_documents_dec_idx` ON `award_documents` (`decision_id`);--> statement-breakpoint
CREATE TABLE `award_proposal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`level_unit_id` integer NOT NULL,
	`reason` text,
	`user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `award_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `award_proposal_events_idx` ON `award_proposal_events` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `award_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`scheme_code` text NOT NULL,
	`candidate_key` text NOT NULL,
	`target` text NOT NULL,
	`unit_id` integer NOT NULL,
	`proposer_unit_id` integer NOT NULL,
	`level_unit_id` integer NOT NULL,
	`emulation_person_id` integer,
	`person_user_id` integer,
	`name` text NOT NULL,
	`position` text,
	`gender` text,
	`women_share_pct` integer,
	`achievement` text DEFAULT '' NOT NULL,
	`qualified` integer NOT NULL,
	`unmet` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'nhap' NOT NULL,
	`reason` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposer_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`emulation_person_id`) REFERENCES `emulation_people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`person_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_proposals_uq` ON `award_proposals` (`movement_id`,`scheme_code`,`candidate_key`);--> statement-breakpoint
CREATE INDEX `award_proposals_unit_idx` ON `award_proposals` (`movement_id`,`proposer_unit_id`);--> statement-breakpoint
CREATE TABLE `award_reopenings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`until` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `award_reopenings_idx` ON `award_reopenings` (`movement_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `award_settings` (
	`movement_id` integer PRIMARY KEY NOT NULL,
	`deadline` text,
	`ballot_mode` text DEFAULT 'open' NOT NULL,
	`pass_mark` text DEFAULT 'more_than_half' NOT NULL,
	`quorum` text DEFAULT 'two_thirds' NOT NULL,
	`issuing_body` text NOT NULL,
	`issuing_parent` text,
	`symbol` text DEFAULT 'UBND' NOT NULL,
	`place` text NOT NULL,
	`signer_title` text DEFAULT 'CHỦ TỊCH' NOT NULL,
	`signer_name` text DEFAULT '' NOT NULL,
	`cert_offset_x` integer DEFAULT 0 NOT NULL,
	`cert_offset_y` integer DEFAULT 0 NOT NULL,
	`cert_blank` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`proposal_id` integer,
	`movement_id` integer,
	`year` integer NOT NULL,
	`form_code` text NOT NULL,
	`title` text NOT NULL,
	`level` text NOT NULL,
	`target` text NOT NULL,
	`unit_id` integer NOT NULL,
	`candidate_key` text NOT NULL,
	`person_user_id` integer,
	`name` text NOT NULL,
	`position` text,
	`gender` text,
	`achievement` text NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `award_decisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `award_proposals`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `awards_unit_idx` ON `awards` (`unit_id`,`year`);--> statement-breakpoint
CREATE INDEX `awards_person_idx` ON `awards` (`person_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `awards_decision_uq` ON `awards` (`decision_id`,`candidate_key`);--> statement-breakpoint
CREATE TABLE `council_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`proposal_id` integer NOT NULL,
	`yes` integer DEFAULT 0 NOT NULL,
	`no` integer DEFAULT 0 NOT NULL,
	`passed` integer,
	`within_quota` integer,
	`note` text,
	`result_text` text,
	FOREIGN KEY (`session_id`) REFERENCES `council_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `award_proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_items_uq` ON `council_items` (`session_id`,`proposal_id`);--> statement-breakpoint
CREATE TABLE `council_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`level_unit_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`title` text,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_members_uq` ON `council_members` (`level_unit_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `council_open_votes` (
	`item_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`choice` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `council_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_open_votes_uq` ON `council_open_votes` (`item_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `council_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`level_unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`mode` text NOT NULL,
	`pass_mark` text NOT NULL,
	`quorum` text NOT NULL,
	`member_count` integer NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`opened_by` integer,
	`opened_at` integer NOT NULL,
	`closed_by` integer,
	`closed_at` integer,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_voters` (
	`item_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`voted_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `council_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_voters_uq` ON `council_voters` (`item_id`,`user_id`);