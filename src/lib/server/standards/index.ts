export * from './service';
export * from './rag';
export * from './seed';
export { contributes } from './contributes';
export * from './languages';
