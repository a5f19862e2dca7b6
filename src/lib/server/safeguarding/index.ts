export * from './service';
export * from './matcher';
export * from './phrases';
