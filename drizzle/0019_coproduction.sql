CREATE TABLE `coproduction_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`body_service_id` integer,
	`body_name` text DEFAULT '' NOT NULL,
	`decided_on` text NOT NULL,
	`level` text NOT NULL,
	`parent_carers` integer DEFAULT 0 NOT NULL,
	`young_people` integer DEFAULT 0 NOT NULL,
	`forum_reps` integer DEFAULT 0 NOT NULL,
	`changed` text DEFAULT '' NOT NULL,
	`agenda_item_id` integer,
	`survey_id` integer,
	`board_item_id` integer,
	`standard_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`body_service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`board_item_id`) REFERENCES `board_item`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`standard_id`) REFERENCES `standard`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `coproduction_entry_decided_idx` ON `coproduction_entry` (`decided_on`);--> statement-breakpoint
CREATE INDEX `coproduction_entry_agenda_idx` ON `coproduction_entry` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `coproduction_entry_board_idx` ON `coproduction_entry` (`board_item_id`);--> statement-breakpoint
CREATE TABLE `coproduction_entry_service` (
	`entry_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `service_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `coproduction_entry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `coproduction_entry_service_service_idx` ON `coproduction_entry_service` (`service_id`);--> statement-breakpoint
CREATE TABLE `coproduction_level` (
	`level` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`meaning` text NOT NULL,
	`updated_at` integer NOT NULL
);
