export * from './service';
export * from './counts';
export * from './representatives';
export { contributes } from './contributes';
export * from './form';
