CREATE TABLE `translation` (
	`locale` text NOT NULL,
	`row_key` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`locale`, `row_key`),
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `translation_updated_by_idx` ON `translation` (`updated_by`);