CREATE TABLE `safeguarding_flag` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`source_id` text,
	`person_id` integer,
	`text` text NOT NULL,
	`context` text DEFAULT '{}' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`raised_on` text NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` integer,
	`outcome` text,
	`review_note` text,
	FOREIGN KEY (`person_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `safeguarding_flag_queue_idx` ON `safeguarding_flag` (`reviewed_at`,`raised_on`);--> statement-breakpoint
CREATE INDEX `safeguarding_flag_person_idx` ON `safeguarding_flag` (`person_id`);--> statement-breakpoint
CREATE INDEX `safeguarding_flag_source_idx` ON `safeguarding_flag` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `safeguarding_phrase` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phrase` text NOT NULL,
	`category` text NOT NULL,
	`added_by` integer,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`added_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safeguarding_phrase_phrase_unique` ON `safeguarding_phrase` (`phrase`);