// Review by the community: the translator's sheet, uploaded texts and their status (decision 0058).
export { languages, download, preview, upload, stored, reviewedShares, overridesFor, loadOverrides } from './service';
export { SHEET_COLUMNS, MAX_SHEET_BYTES, type SheetPreview, type RowProblem, type FileProblem, type Change } from './sheet';
export { REVIEWED_LANGUAGES, shipped, english } from './catalogue';
export { contributes } from './contributes';
