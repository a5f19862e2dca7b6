export * from './coverage';
export * from './download';
export * from './erase';
