CREATE TABLE `area_setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `board_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`you_said` text NOT NULL,
	`easy_read` text,
	`easy_read_symbol` text,
	`voices` integer DEFAULT 1 NOT NULL,
	`source` text NOT NULL,
	`source_detail` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'heard' NOT NULL,
	`heard_on` text NOT NULL,
	`due_on` text NOT NULL,
	`first_answered_on` text,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`last_activity_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `board_item_published_activity_idx` ON `board_item` (`published_at`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `board_item_due_idx` ON `board_item` (`first_answered_on`,`due_on`);--> statement-breakpoint
CREATE TABLE `board_item_service` (
	`item_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `service_id`),
	FOREIGN KEY (`item_id`) REFERENCES `board_item`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `board_item_service_service_idx` ON `board_item_service` (`service_id`);--> statement-breakpoint
CREATE TABLE `board_item_topic` (
	`item_id` integer NOT NULL,
	`topic` text NOT NULL,
	PRIMARY KEY(`item_id`, `topic`),
	FOREIGN KEY (`item_id`) REFERENCES `board_item`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `board_item_topic_topic_idx` ON `board_item_topic` (`topic`);--> statement-breakpoint
CREATE TABLE `board_response` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`text` text NOT NULL,
	`responder` text NOT NULL,
	`service_id` integer,
	`author_id` integer,
	`status_before` text NOT NULL,
	`status_after` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `board_item`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `board_response_item_idx` ON `board_response` (`item_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`what_happened` text NOT NULL,
	`service_id` integer,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`consent_to_contact` integer DEFAULT false NOT NULL,
	`about_who` text,
	`received_on` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`board_item_id` integer,
	`closed_reason` text,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`board_item_id`) REFERENCES `board_item`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `feedback_status_idx` ON `feedback` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `feedback_rate` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`hour_start` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `feedback_reply` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feedback_id` integer NOT NULL,
	`text` text NOT NULL,
	`author_id` integer,
	`emailed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`feedback_id`) REFERENCES `feedback`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `feedback_reply_feedback_idx` ON `feedback_reply` (`feedback_id`);