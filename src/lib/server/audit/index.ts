export * from './service';
export * from './signins';
export { contributes } from './contributes';
