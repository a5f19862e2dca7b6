export * from './service';
export { buildLocalOffer } from './local-offer';
export { buildForum, FORUM_SECTIONS } from './forum';
export { yearlyRows } from './exports';
export { seedYearlyDemo } from './seed';
export { contributes } from './contributes';
export { publishedFromParam, yearsOf } from './pages';
