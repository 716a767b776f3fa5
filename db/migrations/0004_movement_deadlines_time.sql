ALTER TABLE `emulation_schemes` ADD `form_name` text;--> statement-breakpoint
ALTER TABLE `movement_deadlines` ADD `time` text;