CREATE TABLE `subscriber` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`locale` text NOT NULL,
	`frequency` text DEFAULT 'immediately' NOT NULL,
	`link_nonce` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriber_email_unique` ON `subscriber` (`email`);--> statement-breakpoint
CREATE TABLE `subscription` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` integer NOT NULL,
	`topic` text NOT NULL,
	`ref` text DEFAULT '' NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscriber`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_once` ON `subscription` (`subscriber_id`,`topic`,`ref`);--> statement-breakpoint
CREATE INDEX `subscription_topic` ON `subscription` (`topic`,`ref`,`confirmed`,`subscriber_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox_delivery` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer,
	`subscriber_id` integer,
	`digest` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_try_at` integer NOT NULL,
	`claimed_until` integer,
	`done_on` text,
	`last_error` text,
	FOREIGN KEY (`event_id`) REFERENCES `outbox_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscriber`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "outbox_delivery_one_recipient" CHECK((user_id is null) <> (subscriber_id is null))
);
--> statement-breakpoint
INSERT INTO `__new_outbox_delivery`("id", "event_id", "user_id", "status", "attempts", "next_try_at", "claimed_until", "done_on", "last_error") SELECT "id", "event_id", "user_id", "status", "attempts", "next_try_at", "claimed_until", "done_on", "last_error" FROM `outbox_delivery`;--> statement-breakpoint
DROP TABLE `outbox_delivery`;--> statement-breakpoint
ALTER TABLE `__new_outbox_delivery` RENAME TO `outbox_delivery`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_delivery_once` ON `outbox_delivery` (`event_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_delivery_once_subscriber` ON `outbox_delivery` (`event_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `outbox_delivery_due` ON `outbox_delivery` (`status`,`next_try_at`);--> statement-breakpoint
CREATE INDEX `outbox_delivery_user` ON `outbox_delivery` (`user_id`);--> statement-breakpoint
CREATE INDEX `outbox_delivery_subscriber` ON `outbox_delivery` (`subscriber_id`);