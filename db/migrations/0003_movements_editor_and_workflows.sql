CREATE TABLE `emulation_evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`movement_id` integer NOT NULL,
	`candidate_key` text NOT NULL,
	`criterion_code` text NOT NULL,
	`file_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emulation_evidence_files_idx` ON `emulation_evidence_files` (`movement_id`,`candidate_key`,`criterion_code`);--> statement-breakpoint
CREATE TABLE `award_level_settings` (
	`movement_id` integer NOT NULL,
	`level_unit_id` integer NOT NULL,
	`issuing_body` text NOT NULL,
	`issuing_parent` text,
	`symbol` text NOT NULL,
	`place` text NOT NULL,
	`signer_title` text NOT NULL,
	`signer_name` text DEFAULT '' NOT NULL,
	`cert_offset_x` integer DEFAULT 0 NOT NULL,
	`cert_offset_y` integer DEFAULT 0 NOT NULL,
	`cert_blank` integer DEFAULT false NOT NULL,
	`ballot_mode` text,
	`pass_mark` text,
	`quorum` text,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`movement_id`, `level_unit_id`),
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `emulation_registrations` ADD `initiatives` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `emulation_registrations` ADD `review_stage` text;--> statement-breakpoint
ALTER TABLE `emulation_registrations` ADD `parent_approved_at` integer;--> statement-breakpoint
ALTER TABLE `emulation_registrations` ADD `parent_approved_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `emulation_schemes` ADD `form_name` text;--> statement-breakpoint
ALTER TABLE `movement_deadlines` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `movement_deadlines` ADD `time` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `stored_name` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `mime` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `size` integer;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_at` integer;--> statement-breakpoint
ALTER TABLE `ir_requests` ADD `criteria_used` text;--> statement-breakpoint
ALTER TABLE `ir_requests` ADD `pass_mark_used` real;