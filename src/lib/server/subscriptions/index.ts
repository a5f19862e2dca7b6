export * from './service';
export * from './links';
export * from './topics';
export { contributes } from './contributes';
export * from './choices';
