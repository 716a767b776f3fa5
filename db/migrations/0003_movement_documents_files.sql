ALTER TABLE `movement_documents` ADD `stored_name` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `mime` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `size` integer;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_at` integer;