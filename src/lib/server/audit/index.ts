export * from './service';
export * from './signins';
