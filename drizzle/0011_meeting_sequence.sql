ALTER TABLE `meeting` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- start where the calendar feed's SEQUENCE was (minutes from 2020-01-01 to the last change), so it never goes down
UPDATE `meeting` SET `sequence` = max(0, (`updated_at` - 1577836800000) / 60000);
