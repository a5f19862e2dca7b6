/**
 * Co-production: how families were involved in each decision. Standards and reports read its
 * figures (figuresIn); it imports neither (decision 0053).
 */
export * from './service';
export { seedCoproductionDemo } from './seed';
export type { LinkView } from './links';
export { contributes } from './contributes';
