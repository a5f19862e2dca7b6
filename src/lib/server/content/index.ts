export * from './service';
export * from './pages';
export { contributes } from './contributes';
