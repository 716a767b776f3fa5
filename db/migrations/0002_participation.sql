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
CREATE INDEX `roster_entries_cccd_idx` ON `roster_entries` (`cccd`);