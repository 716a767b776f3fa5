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
CREATE TABLE `emulation_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`rule` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`scheme_id`) REFERENCES `emulation_schemes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emulation_criteria_uq` ON `emulation_criteria` (`scheme_id`,`code`);--> statement-breakpoint
CREATE TABLE `emulation_declarations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`candidate_key` text NOT NULL,
	`criterion_code` text NOT NULL,
	`value` text NOT NULL,
	`evidence` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`return_reason` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emulation_declarations_uq` ON `emulation_declarations` (`movement_id`,`candidate_key`,`criterion_code`);--> statement-breakpoint
CREATE TABLE `emulation_pending_cases` (
	`movement_id` integer NOT NULL,
	`candidate_key` text NOT NULL,
	`discipline` integer DEFAULT false NOT NULL,
	`inspection` integer DEFAULT false NOT NULL,
	`complaint` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`movement_id`, `candidate_key`),
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `emulation_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`gender` text,
	`position` text,
	`user_id` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `emulation_registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `emulation_people_reg_idx` ON `emulation_people` (`registration_id`);--> statement-breakpoint
CREATE TABLE `emulation_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`status` text DEFAULT 'chua_gui' NOT NULL,
	`return_reason` text,
	`scheme_codes` text DEFAULT '[]' NOT NULL,
	`targets` text DEFAULT '' NOT NULL,
	`submitted_at` integer,
	`decided_at` integer,
	`decided_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emulation_registrations_uq` ON `emulation_registrations` (`movement_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `emulation_schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`form` text NOT NULL,
	`target` text NOT NULL,
	`level` text NOT NULL,
	`quota` text NOT NULL,
	`rank_by` text DEFAULT 'none' NOT NULL,
	`rank_contest` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emulation_schemes_uq` ON `emulation_schemes` (`movement_id`,`code`);--> statement-breakpoint
CREATE TABLE `emulation_titles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_key` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`decision` text
);
--> statement-breakpoint
CREATE TABLE `evaluation_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`year` integer NOT NULL,
	`inputs_hash` text NOT NULL,
	`inputs` text NOT NULL,
	`result` text NOT NULL,
	`reason` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evaluation_snapshots_mv_idx` ON `evaluation_snapshots` (`movement_id`,`year`,`computed_at`);--> statement-breakpoint
CREATE TABLE `initiative_counts` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`registered` integer NOT NULL,
	`applied` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`unit_id`, `year`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `initiative_recognitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`scope` text NOT NULL,
	`council` text,
	`person_id` integer,
	`person_name` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `emulation_people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_recognitions_uq` ON `initiative_recognitions` (`unit_id`,`year`,`title`);--> statement-breakpoint
CREATE TABLE `movement_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`label` text NOT NULL,
	`date` text NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `movement_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`file_name` text,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`organizer_unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`plan_number` text,
	`plan_date` text,
	`contents_md` text DEFAULT '' NOT NULL,
	`root_unit_id` integer NOT NULL,
	`excluded_unit_ids` text DEFAULT '[]' NOT NULL,
	`linked_contest_id` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`year` integer NOT NULL,
	`created_at` integer NOT NULL,
	`launched_at` integer,
	FOREIGN KEY (`organizer_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`root_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movements_slug_uq` ON `movements` (`slug`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`link` text,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `index_appraisals` (
	`assessment_id` integer NOT NULL,
	`row_id` integer NOT NULL,
	`member_user_id` integer NOT NULL,
	`points` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `row_id`, `member_user_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `index_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`row_id`) REFERENCES `index_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `index_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`returned_reason` text,
	`officer_user_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `index_sets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_assessments_uq` ON `index_assessments` (`set_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `index_council` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`is_chair` integer DEFAULT false NOT NULL,
	`unit_id` integer,
	`part_code` text,
	FOREIGN KEY (`set_id`) REFERENCES `index_sets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `index_council_set_idx` ON `index_council` (`set_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `index_entries` (
	`assessment_id` integer NOT NULL,
	`row_id` integer NOT NULL,
	`declared` text,
	`not_applicable` integer DEFAULT false NOT NULL,
	`entered` real,
	`self_score` real,
	`explanation` text DEFAULT '' NOT NULL,
	`links` text DEFAULT '[]' NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `row_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `index_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`row_id`) REFERENCES `index_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `index_evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`row_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `index_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`row_id`) REFERENCES `index_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `index_evidence_files_idx` ON `index_evidence_files` (`assessment_id`,`row_id`);--> statement-breakpoint
CREATE TABLE `index_final_scores` (
	`assessment_id` integer NOT NULL,
	`row_id` integer NOT NULL,
	`points` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`unit_answer` text,
	`answered_at` integer,
	`decided_by` integer,
	`at` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `row_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `index_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`row_id`) REFERENCES `index_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `index_results` (
	`year` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`group_code` text NOT NULL,
	`set_id` integer,
	`index_value` real NOT NULL,
	`band_by_points` text NOT NULL,
	`band` text NOT NULL,
	`rank` integer NOT NULL,
	`capped_reason` text,
	`source` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`year`, `unit_id`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_id`) REFERENCES `index_sets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `index_results_group_idx` ON `index_results` (`year`,`group_code`);--> statement-breakpoint
CREATE TABLE `index_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`set_id` integer NOT NULL,
	`code` text NOT NULL,
	`stt` text NOT NULL,
	`parent_code` text,
	`title` text NOT NULL,
	`max_points` real NOT NULL,
	`method` text NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`allow_not_applicable` integer DEFAULT false NOT NULL,
	`bonus` integer DEFAULT false NOT NULL,
	`source` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`set_id`) REFERENCES `index_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_rows_uq` ON `index_rows` (`set_id`,`code`);--> statement-breakpoint
CREATE TABLE `index_set_units` (
	`set_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`set_id`, `unit_id`),
	FOREIGN KEY (`set_id`) REFERENCES `index_sets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `index_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`group_code` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`organizer_unit_id` integer,
	`bands` text NOT NULL,
	`cap_label` text DEFAULT 'Khá' NOT NULL,
	`linked_contest_ids` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`self_deadline_at` integer,
	`explain_until` integer,
	`published_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organizer_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_sets_uq` ON `index_sets` (`year`,`group_code`,`version`);--> statement-breakpoint
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
--> statement-breakpoint
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
CREATE UNIQUE INDEX `council_voters_uq` ON `council_voters` (`item_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `contests` ADD `organizer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `notice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `question_versions` ADD `search_folded` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `owner_unit_id` integer REFERENCES units(id);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_unit_id`,`status`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `rank_publication` text DEFAULT 'after_close' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_used_at` integer;--> statement-breakpoint
ALTER TABLE `units` ADD `women_share` real;--> statement-breakpoint
ALTER TABLE `users` ADD `gender` text;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_may_vote` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_ranked` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `contest_participation_settings` ADD `unverified_may_take_part` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `roster_entries` ADD `gender` text;