ALTER TABLE `ir_requests` ADD `criteria_used` text;--> statement-breakpoint
ALTER TABLE `ir_requests` ADD `pass_mark_used` real;