export * from './service';
export { contributes } from './contributes';
