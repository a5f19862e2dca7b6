CREATE TABLE `forum_leavers` (
	`joined_month` text NOT NULL,
	`left_month` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`joined_month`, `left_month`)
);
--> statement-breakpoint
CREATE TABLE `forum_member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`email` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`confirmed_at` integer,
	`created_at` integer NOT NULL,
	`news_consent_at` integer,
	`count_consent_at` integer,
	`need_area` text,
	`phase` text,
	`support` text,
	`area` text,
	`ethnicity` text,
	`language` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forum_member_user_id_unique` ON `forum_member` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `forum_member_email_unique` ON `forum_member` (`email`);--> statement-breakpoint
CREATE INDEX `forum_member_confirmed` ON `forum_member` (`confirmed_at`);--> statement-breakpoint
CREATE TABLE `forum_representative` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`user_id` integer,
	`role` text NOT NULL,
	`body` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`name_public` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `forum_representative_ends` ON `forum_representative` (`ends_on`);