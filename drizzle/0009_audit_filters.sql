CREATE INDEX `audit_entry_actor_idx` ON `audit_entry` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_entry_action_idx` ON `audit_entry` (`action`,`at`);