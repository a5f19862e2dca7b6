export * from './emit';
export * from './worker';
export * from './email';
export * from './service';
export { contributes } from './contributes';
export * from './smtp';
