ALTER TABLE `movement_documents` ADD `stored_name` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `mime` text;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `size` integer;--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `movement_documents` ADD `uploaded_at` integer;--> statement-breakpoint
ALTER TABLE `ir_requests` ADD `criteria_used` text;--> statement-breakpoint
ALTER TABLE `ir_requests` ADD `pass_mark_used` real;