CREATE TABLE `operational_figure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`standard_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`value` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`entered_by` integer,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`standard_id`) REFERENCES `standard`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operational_figure_period_idx` ON `operational_figure` (`standard_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE TABLE `report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`scope` text NOT NULL,
	`scope_sector` text,
	`scope_service_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`snapshot` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`published_by` integer,
	FOREIGN KEY (`scope_service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_status_idx` ON `report` (`status`,`published_at`);--> statement-breakpoint
CREATE TABLE `report_comment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`author_id` integer,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `report`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_comment_report_idx` ON `report_comment` (`report_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `standard` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer,
	`statement` text NOT NULL,
	`measure` text NOT NULL,
	`measure_kind` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`target` real NOT NULL,
	`amber_from` real NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `standard_service_idx` ON `standard` (`service_id`);--> statement-breakpoint
CREATE INDEX `survey_question_standard_idx` ON `survey_question` (`standard_id`);--> statement-breakpoint
CREATE INDEX `survey_tally_question_day_idx` ON `survey_tally` (`question_id`,`day`,`option_id`,`respondent_group`,`count`);