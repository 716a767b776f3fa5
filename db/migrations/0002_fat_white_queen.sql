ALTER TABLE `contests` ADD `organizer_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `contact_email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `notice` text DEFAULT '' NOT NULL;