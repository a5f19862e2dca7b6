export * from './service';
export * from './matcher';
export * from './phrases';
export { contributes } from './contributes';
