CREATE TABLE `operations_probe` (
	`id` integer PRIMARY KEY NOT NULL,
	`filler` blob
);
