/**
 * Who we hear from, against who lives here: the local SEND population baseline (imported by an
 * admin from a CSV file) and the protected comparison of the people a feature heard from with it.
 * Other features use only what this index exports.
 */
export { previewBaseline, importBaseline, currentBaseline, mayImportBaseline, BASELINE_COLUMNS, BASELINE_MAX_ROWS } from './baseline';
export type { BaselinePreview, BaselineRow, BaselineDetails, BaselineFigures, FileProblem, RowProblem, DetailsProblems } from './baseline';
export { comparison, type ReachSection } from './comparison';
export { compareCounts, isUnderHeard, reachRatio, type ReachRow, type ReachComparison, type CategoryCounts, type AlsoProtect } from './compare';
export { namedLanguages, namedLanguagesOf, languageNameKey } from './named';
export { contributes } from './contributes';
