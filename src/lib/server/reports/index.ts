export * from './service';
export * from './build';
export * from './exports';
export * from './recent';
export * from './seed';
export * from './shares';
export * from './wilson';
export { contributes } from './contributes';
