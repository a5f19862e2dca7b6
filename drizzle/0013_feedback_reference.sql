-- NOT NULL needs a value for the rows already there: '' for a moment, then a random reference each
-- (hex: 0-9 and A-F; new ones use letters and digits that cannot be misread, see board/feedback.ts)
ALTER TABLE `feedback` ADD `reference` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `feedback` SET `reference` = 'FB-' || substr(hex(randomblob(4)), 1, 4) || '-' || substr(hex(randomblob(4)), 1, 4);--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_reference_unique` ON `feedback` (`reference`);
