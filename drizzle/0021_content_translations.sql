CREATE TABLE `content_translation` (
	`subject` text NOT NULL,
	`subject_id` integer NOT NULL,
	`field` text NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`subject`, `locale`, `subject_id`, `field`),
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
