ALTER TABLE `outbox_event` ADD `once_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_event_once_key_unique` ON `outbox_event` (`once_key`);