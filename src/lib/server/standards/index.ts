export * from './service';
export * from './rag';
