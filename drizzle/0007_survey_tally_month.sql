CREATE TABLE `survey_tally_month` (
	`question_id` integer NOT NULL,
	`option_id` integer NOT NULL,
	`month` text NOT NULL,
	`respondent_group` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`question_id`, `month`, `option_id`, `respondent_group`),
	FOREIGN KEY (`question_id`) REFERENCES `survey_question`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_answer_quoted_idx` ON `survey_answer` (`response_id`) WHERE "survey_answer"."quoted" = 1;--> statement-breakpoint
-- Answers sent before this table existed: their monthly counts, from the daily ones.
INSERT INTO `survey_tally_month` (`question_id`, `option_id`, `month`, `respondent_group`, `count`)
SELECT `question_id`, `option_id`, substr(`day`, 1, 7), `respondent_group`, sum(`count`) FROM `survey_tally` GROUP BY 1, 2, 3, 4;
