export * from './service';
export * from './form';
