CREATE TABLE `reach_baseline` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`as_of` text NOT NULL,
	`source` text NOT NULL,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reach_baseline_count` (
	`baseline_id` integer NOT NULL,
	`characteristic` text NOT NULL,
	`category` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`baseline_id`, `characteristic`, `category`),
	FOREIGN KEY (`baseline_id`) REFERENCES `reach_baseline`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `survey_option` ADD `category` text;