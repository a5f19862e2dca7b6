export * from './service';
export * from './challenge-cookie';
export * from './links';
export * from './two-step';
export * from './seed';
export { contributes } from './contributes';
