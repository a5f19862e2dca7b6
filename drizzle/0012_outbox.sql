CREATE TABLE `outbox_delivery` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_try_at` integer NOT NULL,
	`claimed_until` integer,
	`done_on` text,
	`last_error` text,
	FOREIGN KEY (`event_id`) REFERENCES `outbox_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_delivery_once` ON `outbox_delivery` (`event_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `outbox_delivery_due` ON `outbox_delivery` (`status`,`next_try_at`);--> statement-breakpoint
CREATE INDEX `outbox_delivery_user` ON `outbox_delivery` (`user_id`);--> statement-breakpoint
CREATE TABLE `outbox_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text,
	`happened_on` text NOT NULL,
	`expand_list` integer DEFAULT 0 NOT NULL,
	`expand_after` integer DEFAULT 0 NOT NULL,
	`expanded` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_event_expanded` ON `outbox_event` (`expanded`,`id`);