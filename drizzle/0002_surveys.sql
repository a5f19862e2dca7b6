CREATE TABLE `survey` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`audience` text NOT NULL,
	`anonymous` integer DEFAULT true NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `survey_answer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` text NOT NULL,
	`question_id` integer NOT NULL,
	`option_id` integer,
	`text` text,
	`quoted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `survey_response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `survey_question`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`option_id`) REFERENCES `survey_option`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `survey_answer_response_idx` ON `survey_answer` (`response_id`);--> statement-breakpoint
CREATE INDEX `survey_answer_question_option_idx` ON `survey_answer` (`question_id`,`option_id`);--> statement-breakpoint
CREATE TABLE `survey_answer_theme` (
	`answer_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `theme_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `survey_answer`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `survey_theme`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_answer_theme_theme_idx` ON `survey_answer_theme` (`theme_id`);--> statement-breakpoint
CREATE TABLE `survey_draft` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`receipt_hash` text NOT NULL,
	`survey_id` integer NOT NULL,
	`locale` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`account_id` integer,
	`on_behalf` integer DEFAULT false NOT NULL,
	`preview` integer DEFAULT false NOT NULL,
	`saved_on` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_draft_receipt_idx` ON `survey_draft` (`receipt_hash`);--> statement-breakpoint
CREATE INDEX `survey_draft_saved_idx` ON `survey_draft` (`saved_on`);--> statement-breakpoint
CREATE TABLE `survey_image` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`alt` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_image_survey_idx` ON `survey_image` (`survey_id`);--> statement-breakpoint
CREATE TABLE `survey_option` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`symbol_id` text,
	`image_id` integer,
	`positive` integer DEFAULT false NOT NULL,
	`respondent_group` text,
	FOREIGN KEY (`question_id`) REFERENCES `survey_question`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `survey_image`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `survey_option_question_idx` ON `survey_option` (`question_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_question` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`help` text DEFAULT '' NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`symbol_id` text,
	`image_id` integer,
	`service_id` integer,
	`standard_id` integer,
	`about_you` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `survey_image`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `survey_question_survey_idx` ON `survey_question` (`survey_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_question_version` (
	`question_id` integer NOT NULL,
	`version` integer NOT NULL,
	`wording` text NOT NULL,
	`replaced_at` integer NOT NULL,
	`replaced_by` integer,
	PRIMARY KEY(`question_id`, `version`),
	FOREIGN KEY (`question_id`) REFERENCES `survey_question`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replaced_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `survey_response` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`receipt_hash` text NOT NULL,
	`account_id` integer,
	`submitted_on` text NOT NULL,
	`locale` text NOT NULL,
	`on_behalf` integer DEFAULT false NOT NULL,
	`respondent_group` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_response_token_idx` ON `survey_response` (`token_hash`);--> statement-breakpoint
CREATE INDEX `survey_response_receipt_idx` ON `survey_response` (`receipt_hash`);--> statement-breakpoint
CREATE INDEX `survey_response_survey_idx` ON `survey_response` (`survey_id`,`submitted_on`);--> statement-breakpoint
CREATE TABLE `survey_service` (
	`survey_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `service_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `service`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `survey_service_service_idx` ON `survey_service` (`service_id`);--> statement-breakpoint
CREATE TABLE `survey_tally` (
	`question_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	`day` text NOT NULL,
	`respondent_group` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`question_id`, `option_id`, `day`, `respondent_group`),
	FOREIGN KEY (`question_id`) REFERENCES `survey_question`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_theme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_theme_name_idx` ON `survey_theme` (`survey_id`,`name`);--> statement-breakpoint
CREATE TABLE `survey_translation` (
	`survey_id` integer NOT NULL,
	`locale` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`survey_id`, `locale`, `key`),
	FOREIGN KEY (`survey_id`) REFERENCES `survey`(`id`) ON UPDATE no action ON DELETE cascade
);
