CREATE TABLE `evaluation_input_parts` (
	`hash` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `evaluation_snapshots` ADD `input_parts` text;