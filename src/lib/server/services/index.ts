export * from './service';
export * from './form';
export * from './seed';
export { contributes } from './contributes';
