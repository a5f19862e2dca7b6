export * from './service';
export * from './feedback';
export * from './follow';
export * from './filters';
export * from './form';
export * from './measures';
export * from './seed';
export * from './feed';
export { contributes } from './contributes';
