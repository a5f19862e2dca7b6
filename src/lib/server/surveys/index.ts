/**
 * Easy-read surveys: the feature's use-cases, in three parts.
 * - builder.ts: details, questions, options, order, publish, close, duplicate, translations, images
 * - answering.ts: questions in the respondent's language, drafts, sending exactly once
 * - results.ts: counts, free text with themes and quotes, CSV export
 * Other features use only what this index exports.
 */
export * from './builder';
export * from './answering';
export * from './results';
export { checkAnswer, isPositive, type DraftAnswer, type AnswerProblem } from './answers';
export * from './standards';
export * from './crosstab';
export * from './counts';
export * from './reach';
export * from './limits';
export * from './respondent';
export * from './seed';
export * from './small-groups';
export * from './follow';
export { needsYou, startedSurveys, CLOSING_SOON_DAYS, type StartedSurvey } from './home';
export { contributes } from './contributes';
export * from './year';
