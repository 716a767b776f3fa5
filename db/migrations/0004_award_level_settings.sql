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
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`movement_id`, `level_unit_id`),
	FOREIGN KEY (`movement_id`) REFERENCES `movements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`level_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
