CREATE TABLE `yearly_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`snapshot` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `yearly_report_kind_year_idx` ON `yearly_report` (`kind`,`year`);--> statement-breakpoint
CREATE INDEX `yearly_report_published_by_idx` ON `yearly_report` (`published_by`);--> statement-breakpoint
ALTER TABLE `board_item` ADD `local_offer` text;--> statement-breakpoint
CREATE INDEX `board_item_local_offer_idx` ON `board_item` (`local_offer`,`heard_on`);--> statement-breakpoint
ALTER TABLE `feedback` ADD `local_offer` text;--> statement-breakpoint
CREATE INDEX `feedback_local_offer_idx` ON `feedback` (`local_offer`,`received_on`);