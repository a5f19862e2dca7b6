CREATE TABLE `profile` (
	`young_person_id` integer PRIMARY KEY NOT NULL,
	`count_my_symbols` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` integer,
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `profile_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`young_person_id` integer NOT NULL,
	`section` text NOT NULL,
	`symbol_id` text,
	`words` text,
	`position` integer NOT NULL,
	`written_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`written_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `profile_item_profile_idx` ON `profile_item` (`young_person_id`,`section`,`position`);--> statement-breakpoint
CREATE TABLE `profile_photo` (
	`young_person_id` integer PRIMARY KEY NOT NULL,
	`bytes` blob NOT NULL,
	`description` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `profile_share_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`young_person_id` integer NOT NULL,
	`label` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_share_link_token_hash_unique` ON `profile_share_link` (`token_hash`);--> statement-breakpoint
CREATE INDEX `profile_share_link_profile_idx` ON `profile_share_link` (`young_person_id`);--> statement-breakpoint
CREATE TABLE `profile_share_open` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`share_link_id` integer NOT NULL,
	`opened_at` integer NOT NULL,
	FOREIGN KEY (`share_link_id`) REFERENCES `profile_share_link`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `profile_share_open_link_idx` ON `profile_share_open` (`share_link_id`);--> statement-breakpoint
CREATE TABLE `profile_supporter` (
	`young_person_id` integer NOT NULL,
	`supporter_id` integer NOT NULL,
	`linked_by` integer,
	`linked_at` integer NOT NULL,
	PRIMARY KEY(`young_person_id`, `supporter_id`),
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supporter_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `profile_supporter_supporter_idx` ON `profile_supporter` (`supporter_id`);--> statement-breakpoint
CREATE TABLE `profile_version` (
	`young_person_id` integer NOT NULL,
	`number` integer NOT NULL,
	`saved_at` integer NOT NULL,
	`saved_by` integer,
	`change` text NOT NULL,
	`snapshot` text NOT NULL,
	PRIMARY KEY(`young_person_id`, `number`),
	FOREIGN KEY (`young_person_id`) REFERENCES `young_person`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`saved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `young_person` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`year_group` text,
	`sign_in_code_hash` text NOT NULL,
	`passcode_hash` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `young_person_sign_in_code_hash_unique` ON `young_person` (`sign_in_code_hash`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text,
	`name` text NOT NULL,
	`password_hash` text,
	`disabled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_user`("id", "email", "name", "password_hash", "disabled_at", "created_at") SELECT "id", "email", "name", "password_hash", "disabled_at", "created_at" FROM `user`;--> statement-breakpoint
DROP TABLE `user`;--> statement-breakpoint
ALTER TABLE `__new_user` RENAME TO `user`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);