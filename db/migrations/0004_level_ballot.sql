ALTER TABLE `award_level_settings` ADD `ballot_mode` text;--> statement-breakpoint
ALTER TABLE `award_level_settings` ADD `pass_mark` text;--> statement-breakpoint
ALTER TABLE `award_level_settings` ADD `quorum` text;