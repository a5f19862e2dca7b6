export * from './service';
export * from './ical';
export * from './markdown';
export * from './seed';
